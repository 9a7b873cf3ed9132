"""WL-5..8 edits checked against the dossier's choices: every bad field named at once, nothing half-applied."""
import pytest

from worklist.domain.choices import Choices
from worklist.domain.edits import apply_edit
from worklist.domain.errors import Invalid

CHOICES = Choices(
    accounts={"604000": {"name": "Goods"}, "499000": {"name": "Suspense"}}, extra_accounts=frozenset({"618000"}),
    journals={"ACH": {"type": "purchases", "name": "Purchases"}, "VEN": {"type": "sales"}},
    periods={"2025-03": {"start_date": "2025-03-01", "end_date": "2025-03-31", "state": "open"},
             "2024-12": {"start_date": "2024-12-01", "end_date": "2024-12-31", "state": "locked"}},
    vat_codes={"21": {}}, counterparties={"P-1": {"reference": "P-1", "name": "Known", "ibans": ["BE62510007547061"]}})
CONTENT = {"journal": {"code": "ACH", "type": "purchases"}, "lines": [], "totals": {"net": "1", "vat": "0", "gross": "1"}}


def problems(edit, choices=CHOICES, mailbox="purchases"):
    with pytest.raises(Invalid) as caught:
        apply_edit(CONTENT, mailbox, edit, choices)
    return {p.field: p.code for p in caught.value.fields}


def test_every_bad_field_is_named():
    assert problems({"journal": "XXX", "period": "2024-12", "due_date": "soon",
                     "lines": [{"account": "123"}, {"account": "604000", "vat_code": "99", "vat_amount": "1/0"}, {}]}) == {
        "journal": "unknown_journal", "period": "closed_period", "due_date": "bad_date",
        "lines.1.account": "unknown_account", "lines.2.vat_code": "unknown_vat_code", "lines.2.vat_amount": "bad_amount",
        "lines.3.account": "required"}


def test_lines_are_renumbered_suspense_derived_and_totals_summed_unless_given():
    content, _ = apply_edit(CONTENT, "purchases", {"lines": [
        {"account": "618000", "net_amount": "10", "vat_amount": "2,1", "vat_rate": "21"},
        {"account": "499000", "net_amount": "5"}]}, CHOICES)
    assert [(l["line_no"], l["suspense"]) for l in content["lines"]] == [(1, False), (2, True)]
    assert content["totals"] == {"net": "15.00", "vat": "2.10", "gross": "17.10"}
    content, _ = apply_edit(CONTENT, "purchases", {"lines": [{"account": "604000", "net_amount": "10"}],
                                                  "totals": {"gross": "12+1"}}, CHOICES)
    assert content["totals"] == {"net": "1", "vat": "0", "gross": "13.00"}


def test_journal_must_fit_the_mailbox_and_moving_lists_needs_a_fitting_journal():
    assert problems({"journal": "VEN"}) == {"journal": "journal_type"}
    assert problems({"mailbox": "sales"}) == {"journal": "journal_type"}
    content, mailbox = apply_edit(CONTENT, "purchases", {"mailbox": "sales", "journal": "VEN"}, CHOICES)
    assert mailbox == "sales" and content["journal"]["code"] == "VEN"


def test_counterparty_known_by_reference_or_new_with_checked_numbers():
    content, _ = apply_edit(CONTENT, "purchases", {"counterparty": {"reference": "P-1"}}, CHOICES)
    assert content["counterparty"] == {"status": "known", "reference": "P-1", "name": "Known", "vat_number": None,
                                       "country": None, "iban": "BE62510007547061"}
    assert problems({"counterparty": {"reference": "P-2"}}) == {"counterparty.reference": "unknown_counterparty"}
    assert problems({"counterparty": {"vat_number": "BE0123456700", "iban": "BE00"}}) == {
        "counterparty.name": "required", "counterparty.vat_number": "bad_vat_number", "counterparty.iban": "bad_iban"}


def test_nothing_synchronised_yet_means_not_checked_but_periods_still_need_a_month():
    empty = Choices()
    content, _ = apply_edit(CONTENT, "purchases", {"lines": [{"account": "999"}], "period": "2025-02",
                                                  "journal": "ANY"}, empty)
    assert content["period"] == {"code": "2025-02", "start_date": "2025-02-01", "end_date": "2025-02-28"}
    assert content["journal"] == {"code": "ANY", "type": "purchases", "name": None}
    assert problems({"period": "Q1"}, empty) == {"period": "unknown_period"}
