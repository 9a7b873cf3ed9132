"""The annotation form's rules without servers: sums in number fields (WL-8), what a submitted form sends to the
worklist (only what changed; counterparty known or new, WL-7), mandatory fields (WL-5), and the words overlay."""
from decimal import Decimal

import pytest
from contracts.envelope import ContractError

from portal.adapters.words import parse_words
from portal.domain import annotation_form as af
from portal.domain.arithmetic import ArithmeticInputError, evaluate, is_sum
from portal.domain.worklist_view import next_sort, query_state
from portal.entrypoints.http.web import Form


@pytest.mark.parametrize("text, value", [
    ("12+25", "37.00"), ("12,50 + 0,25", "12.75"), ("(100-21.5)*2", "157.00"), ("-5+2", "-3.00"), ("10/3", "3.33"),
    ("121", "121.00"), (" 7 ", "7.00"), (".5*2", "1.00"),
])
def test_sums_are_computed_to_the_cent(text, value):
    assert evaluate(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "12+", "12+abc", "__import__('os')", "1/0", "(1+2", "1e5", "2**8", "1" * 201])
def test_anything_but_a_sum_is_refused(text):
    with pytest.raises(ArithmeticInputError):
        evaluate(text)


def test_is_sum_sees_an_operator_after_the_first_character():
    assert is_sum("12+25") and not is_sum("-12") and not is_sum("121.00")


PROPOSAL = {
    "id": "p1", "version": 4, "mailbox": "purchases", "document_kind": "invoice",
    "journal": {"code": "ACH", "name": "Purchases"}, "period": "2026-01", "invoice_number": "F-1",
    "invoice_date": "2026-01-15", "due_date": None, "payment_reference": None, "comment": None, "note": None,
    "counterparty": {"reference": "C1", "name": "Brico", "vat_number": "BE0403170701", "status": "known"},
    "totals": {"net": "100.00", "vat": "21.00", "gross": "121.00"},
    "lines": [{"account": "604000", "vat_code": "21", "vat_rate": "21.00", "net_amount": "100.00",
               "vat_amount": "21.00", "description": None, "note": None}],
}


def form_of(values: af.Values, **change: str) -> Form:
    flat = {**values.fields, "version": values.version}
    for n, line in enumerate(values.lines, start=1):
        flat.update({f"lines.{n}.{k}": v for k, v in line.items()})
    flat.update(change)
    return Form({k: [v] for k, v in flat.items()})


def test_an_unchanged_form_sends_only_the_version_and_the_review():
    original = af.values_of(PROPOSAL)
    edit, errors = af.edit_of(af.values_from_form(form_of(original)), original, review=True)
    assert errors == {} and edit == {"version": 4, "review": True}


def test_changed_fields_sums_and_lines_are_sent_computed():
    original = af.values_of(PROPOSAL)
    form = form_of(original, **{"invoice_number": "F-2", "totals.gross": "100+21", "totals.net": "100",
                                "lines.1.net_amount": "60+40", "lines.3.account": "610000",
                                "lines.3.net_amount": "5", "lines.2.account": ""})
    edit, errors = af.edit_of(af.values_from_form(form), original, review=False)
    assert errors == {}
    assert edit["invoice_number"] == "F-2" and "totals" not in edit  # 100+21 is the stored 121.00
    assert [line["account"] for line in edit["lines"]] == ["604000", "610000"]  # the empty row is dropped
    assert edit["lines"][1]["net_amount"] == "5.00" and edit["lines"][0]["net_amount"] == "100.00"


def test_a_deleted_line_goes_and_no_line_means_without_detail():
    original = af.values_of(PROPOSAL)
    edit, _ = af.edit_of(af.values_from_form(form_of(original, **{"lines.1.deleted": "1"})), original, review=False)
    assert edit["lines"] == []


def test_a_bad_sum_is_named_by_its_input():
    original = af.values_of(PROPOSAL)
    _, errors = af.edit_of(af.values_from_form(form_of(original, **{"totals.vat": "21+x",
                                                                     "lines.1.vat_amount": "(2"})), original,
                           review=False)
    assert set(errors) == {"totals.vat", "lines.1.vat_amount"} and errors["totals.vat"] == af.BAD_AMOUNT


def test_counterparty_known_by_reference_or_new_by_name():
    original = af.values_of(PROPOSAL)
    chosen = af.values_from_form(form_of(original, **{"counterparty.reference": "C7", "counterparty.name": "Other"}))
    assert af.edit_of(chosen, original, review=False)[0]["counterparty"] == {"reference": "C7"}
    new = af.values_from_form(form_of(original, **{"counterparty.name": "New BV", "counterparty.vat_number": ""}))
    assert af.edit_of(new, original, review=False)[0]["counterparty"] == {"name": "New BV"}


def test_empty_mandatory_fields_are_listed():
    values = af.values_of({**PROPOSAL, "invoice_number": None, "totals": {"gross": None}, "counterparty": None})
    assert af.missing_of(values) == ["invoice_number", "counterparty.name", "totals.gross"]


def test_words_are_read_with_their_contract_and_only_drawable_boxes_kept():
    """Issue 19 item 5: the overlay reads contracts.events.words; flat or blank words are not drawn."""
    pages = parse_words({"method": "ocr", "pages": [
        {"page": 1, "words": [{"text": "Total", "bbox": {"x0": 0.1, "y0": 0.2, "x1": 0.3, "y1": 0.25}},
                              {"text": "flat", "bbox": {"x0": 0.1, "y0": 0.2, "x1": 0.1, "y1": 0.25}},
                              {"text": " ", "bbox": {"x0": 0.1, "y0": 0.2, "x1": 0.3, "y1": 0.25}}]},
        {"page": 2, "words": []}]})
    assert list(pages) == [1, 2] and [w.text for w in pages[1]] == ["Total"] and pages[2] == []
    assert pages[1][0].width == pytest.approx(0.2)


@pytest.mark.parametrize("payload", [
    {"pages": [{"page": 1, "words": [{"bbox": {}}]}]},
    {"method": "ocr", "pages": [{"page": "two", "words": []}]},
    {"method": "ocr", "pages": [{"page": 1, "words": [{"text": "out", "bbox": {"x0": 0.9, "y0": 0.2, "x1": 1.3,
                                                                                "y1": 0.25}}]}]},
    ["not", "an", "object"],
])
def test_a_malformed_words_object_is_a_clear_contract_error(payload):
    with pytest.raises(ContractError, match="malformed recognised words"):
        parse_words(payload)


def test_three_state_sorting_and_unknown_sort_keys_dropped():
    assert next_sort("gross", "", "") == ("gross", "asc")
    assert next_sort("gross", "gross", "asc") == ("gross", "desc")
    assert next_sort("gross", "gross", "desc") == ("", "")
    assert query_state({"sort": "drop table", "order": "desc"})["sort"] == ""
