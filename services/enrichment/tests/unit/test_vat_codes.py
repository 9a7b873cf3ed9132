"""ENR-2 VAT codes: rate, goods/services/investments, region, reverse charge, dossier exceptions."""
from __future__ import annotations

from decimal import Decimal

from enrichment.adapters.records import vat_code
from enrichment.domain.model import VatException
from enrichment.domain.vat import choose, kind_of, region_of, snap_rate
from enrichment_testkit import vat_codes

CODES = tuple(vat_code(r) for r in vat_codes())


def pick(rate, kind="goods", region="national", direction="purchase", **kw):
    return choose(CODES, direction=direction, rate=None if rate is None else Decimal(rate), kind=kind,
                  region=region, journal_type="purchases" if direction == "purchase" else "sales", **kw).code


def test_national_codes_by_rate_and_kind():
    assert pick("21") == "A21"
    assert pick("6") == "A6"
    assert pick("21", kind="services") == "AS21"
    assert pick("21", kind="investments") == "AI21"


def test_intra_community_purchase_is_reverse_charge_by_kind():
    assert pick("0", region="eu") == "ICG"
    assert pick("0", kind="services", region="eu") == "ICS"
    assert pick(None, region="eu", category="AE") == "ICG"


def test_purchase_outside_the_eu_is_import_reverse_charge():
    assert pick("0", region="non_eu") == "IMP"


def test_sales_codes_by_rate_and_region():
    assert pick("21", direction="sale") == "V21"
    assert pick("0", direction="sale", region="eu") == "VIC"


def test_no_fitting_code_says_why():
    got = choose(CODES, direction="purchase", rate=Decimal("17"), kind="goods", region="national",
                 journal_type="purchases")
    assert got.code is None and "17%" in got.reason


def test_dossier_exception_wins():
    exc = (VatException("X21", rate=Decimal("21"), kind="goods", region="national"),)
    assert pick("21", exceptions=exc) == "X21"
    assert pick("6", exceptions=exc) == "A6"


def test_region_kind_and_rate_helpers():
    assert (region_of("BE"), region_of("nl"), region_of("US"), region_of(None)) == ("national", "eu", "non_eu", None)
    assert (kind_of("230000"), kind_of("613000"), kind_of("604000")) == ("investments", "services", "goods")
    assert snap_rate(Decimal("20.96")) == Decimal("21") and snap_rate(Decimal("9")) == Decimal("9")


def test_settings_exceptions_with_an_unreadable_rate_are_left_out():
    from contracts.events.dossiers import DossierSettings, VatCodeException
    from enrichment.adapters.wire_in import profile_from
    settings = DossierSettings(vat_code_exceptions=(VatCodeException(code="X", rate="six"),
                                                    VatCodeException(code="Y", rate="6,0 %"),
                                                    VatCodeException(code="Z")))
    assert [(e.code, e.rate) for e in profile_from(settings, None).vat_exceptions] == [
        ("Y", Decimal("6.0")), ("Z", None)]
