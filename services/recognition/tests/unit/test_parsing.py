"""Amounts, dates and identifiers as printed in FR, NL, DE and EN documents (REC-1, REC-3)."""
from datetime import date
from decimal import Decimal

import pytest

from recognition.domain.identifiers import (
    bics_in, compact_vat, enterprise_numbers_in, ibans_in, normalise_payment_reference, payment_references_in,
    vat_numbers_in,
)
from recognition.domain.parsing import amounts_in, dates_in, parse_decimal, percents_in


@pytest.mark.parametrize("text, value", [
    ("Total 1.234,56 €", "1234.56"), ("1 234,56", "1234.56"), ("€ 1,234.56", "1234.56"), ("EUR 99.90", "99.90"),
    ("-12,00", "-12.00"), ("12,00-", "-12.00"), ("Gesamtbetrag 310.412,03 EUR", "310412.03"),
])
def test_amounts_in_every_locale(text, value):
    """REC-3: amounts in FR/NL/DE (comma decimals, dot or space thousands) and EN formats."""
    assert amounts_in(text)[0][0] == Decimal(value)


def test_identifiers_are_not_amounts():
    """REC-3: IBANs, VAT numbers and structured communications do not read as amounts."""
    for text in ("BE0123.456.749", "IBAN BE68 5390 0754 7034", "+++090/9337/55493+++", "2025-03-12"):
        assert amounts_in(text) == []


@pytest.mark.parametrize("text, value", [
    ("12/03/2025", date(2025, 3, 12)), ("12.03.25", date(2025, 3, 12)), ("12 mars 2025", date(2025, 3, 12)),
    ("12. März 2025", date(2025, 3, 12)), ("March 12, 2025", date(2025, 3, 12)), ("12 maart 2025", date(2025, 3, 12)),
    ("1er avril 2024", date(2024, 4, 1)), ("2025-03-12", date(2025, 3, 12)), ("31/12/2024", date(2024, 12, 31)),
])
def test_dates_in_every_locale(text, value):
    """REC-3: dates day-first with /, . or -, ISO, and with month names in four languages."""
    assert dates_in(text)[0][0] == value


def test_percents_and_quantities():
    assert percents_in("TVA 21 % et 5,5%") == [Decimal(21), Decimal("5.5")]
    assert parse_decimal("2,5") == Decimal("2.5") and parse_decimal("1.000") == 1000 and parse_decimal("x") is None


def test_vat_numbers_checked_with_stdnum():
    """REC-3: VAT numbers are found in any printed form, compacted, and only when the checksum holds."""
    found = [v for v, _, _ in vat_numbers_in("TVA BE 0123.456.749 / USt-IdNr.: DE136695976 / NL004495445B01")]
    assert found == ["BE0123456749", "DE136695976", "NL004495445B01"]
    assert vat_numbers_in("TVA BE 0123.456.748") == []
    assert [v for v, _, _ in vat_numbers_in("TVA BE BE0484 452 642")] == ["BE0484452642"]
    assert compact_vat("be 0123 456 749") == "BE0123456749"
    assert enterprise_numbers_in("Ondernemingsnr 0123.456.749")[0][0] == "0123456749"


def test_iban_bic_and_payment_references():
    """REC-3: IBAN (compact), BIC, Belgian structured communication and RF reference, validated."""
    assert [v for v, _, _ in ibans_in("IBAN BE62 5100 0754 7061 BIC GEBABEBB")] == ["BE62510007547061"]
    assert ibans_in("IBAN BE62 5100 0754 7062") == []
    assert [v for v, _, _ in bics_in("BIC GEBABEBB SWIFT: KREDBEBB")] == ["GEBABEBB", "KREDBEBB"]
    refs = [v for v, _, _ in payment_references_in("+++090/9337/55493+++ RF18 5390 0754 7034 and more")]
    assert refs == ["+++090/9337/55493+++", "RF18539007547034"]
    assert payment_references_in("+++090/9337/55494+++") == []
    assert normalise_payment_reference("090933755493") == "+++090/9337/55493+++"
