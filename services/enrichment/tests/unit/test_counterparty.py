"""ENR-1: the counterparty by VAT number, else enterprise number, else IBAN, else fuzzy name; new or default."""
from __future__ import annotations

from enrichment.domain.counterparty import iban_warning, match
from enrichment.domain.model import Party, PartyData, Seen

PARTIES = (
    Party("P1", "Proximus NV", "BE0202239951", None, ("BE45310162131189",), "BE"),
    Party("P2", "Brico Belgium SA", "BE0448134627", "0448134627", (), "BE"),
    Party("P3", "Colruyt Group", None, None, ("BE71096123456769",), "BE"),
    Party("P4", "Acme Supplies BVBA", None, None, (), "BE"),
    Party("P5", "Acme Supply Chain Consulting", None, None, (), "BE"),
)


def data(**kw) -> PartyData:
    return PartyData(**{k: Seen(v, 0.95) for k, v in kw.items()})


def test_vat_number_wins_over_a_conflicting_name():
    m = match(data(vat_number="BE0202239951", name="Brico Belgium"), PARTIES, None)
    assert (m.status, m.reference, m.via) == ("known", "P1", "vat_number")
    assert m.confidence == 0.95


def test_vat_number_found_whatever_its_separators():
    m = match(data(vat_number="be 0202.239.951"), PARTIES, None)
    assert m.reference == "P1"


def test_enterprise_number_when_the_vat_number_is_not_known():
    m = match(data(enterprise_number="0448.134.627", name="Something else"), PARTIES, None)
    assert (m.reference, m.via) == ("P2", "enterprise_number")


def test_belgian_vat_number_meets_a_party_known_only_by_enterprise_number():
    parties = (Party("K1", "Kbo Only", None, "0448134627"),)
    m = match(data(vat_number="BE0448134627"), parties, None)
    assert (m.reference, m.via) == ("K1", "enterprise_number")


def test_iban_when_no_number_is_known():
    m = match(data(iban="BE71 0961 2345 6769", name="COLR"), PARTIES, None)
    assert (m.reference, m.via) == ("P3", "iban")


def test_fuzzy_name_ignores_case_accents_and_legal_form():
    m = match(data(name="PROXIMUS"), PARTIES, None)
    assert (m.reference, m.via) == ("P1", "name")
    assert m.confidence < 0.95, "a name is weaker evidence than a number"


def test_ambiguous_name_decides_nothing():
    m = match(data(name="Acme"), PARTIES, None)
    assert m.status == "new"


def test_unknown_party_is_proposed_new_from_the_recognised_data():
    m = match(data(name="Nieuwe Leverancier BV", vat_number="NL123456789B01", iban="NL91ABNA0417164300"),
              PARTIES, "P4")
    assert (m.status, m.reference) == ("new", None)
    assert (m.name, m.vat_number, m.iban, m.country) == ("Nieuwe Leverancier BV", "NL123456789B01",
                                                         "NL91ABNA0417164300", "NL")


def test_nothing_recognised_gives_the_default_counterparty():
    m = match(PartyData(), PARTIES, "P4")
    assert (m.status, m.reference, m.name) == ("default", "P4", "Acme Supplies BVBA")
    none = match(PartyData(), PARTIES, None)
    assert (none.status, none.reference, none.via) == ("default", None, "none")


def test_inactive_parties_are_not_matched():
    parties = (Party("OLD", "Proximus NV", "BE0202239951", active=False),)
    assert match(data(vat_number="BE0202239951"), parties, None).status == "new"


def test_iban_warning_when_the_iban_is_none_of_the_known_ones():
    d = data(vat_number="BE0202239951", iban="BE68539007547034")
    m = match(d, PARTIES, None)
    assert "BE68539007547034" in iban_warning(m, d)
    same = data(vat_number="BE0202239951", iban="BE45310162131189")
    assert iban_warning(match(same, PARTIES, None), same) is None
    no_known = data(vat_number="BE0448134627", iban="BE68539007547034")
    assert iban_warning(match(no_known, PARTIES, None), no_known) is None, "no IBAN known: nothing to compare"


def test_a_name_or_iban_never_overrides_a_recognised_vat_number():
    parties = (Party("P1", "Meuse Packaging SA", "BE0475334705", ibans=("BE98926776975021",)),)
    by_name = match(data(name="Meuse Packaging BV", vat_number="BE0999999999"), parties, None)
    assert by_name.status == "new", "another company of the same name"
    by_iban = match(data(iban="BE98926776975021", vat_number="BE0999999999"), parties, None)
    assert by_iban.status == "new"
    assert match(data(name="Meuse Packaging BV"), parties, None).reference == "P1", "no VAT number read: name decides"
