"""WL-3 statuses: the automatic status of a content, review marks, and what may be changed or sent."""
import pytest

from worklist.domain.errors import VatWithoutCode, WrongStatus
from worklist.domain.statuses import (ALL, EDITABLE, automatic_status, missing_fields, require_editable,
                                      require_sendable, require_vat_codes, reviewed_status, status_after_edit)

COMPLETE = {"journal": {"code": "ACH"}, "period": {"code": "2025-03"}, "invoice_date": "2025-03-01",
            "invoice_number": "F1", "counterparty": {"status": "known", "name": "A"}, "totals": {"gross": "1.00"},
            "lines": [{"account": "604000", "suspense": False}]}


def test_missing_fields_are_the_empty_mandatory_ones():
    assert missing_fields(COMPLETE) == []
    assert missing_fields({**COMPLETE, "invoice_number": None, "counterparty": {"status": "new"}}) == \
        ["invoice_number", "counterparty"]
    assert missing_fields({}) == ["journal", "period", "invoice_date", "invoice_number", "counterparty", "totals.gross"]


def test_automatic_status_follows_the_content():
    assert automatic_status(COMPLETE, "incomplete") == "complete"
    assert automatic_status({**COMPLETE, "counterparty": {"status": "new", "name": "B"}}, "complete") == \
        "complete_new_counterparty"
    assert automatic_status({**COMPLETE, "period": None}, "complete") == "incomplete"
    assert automatic_status({}, "technical_error") == "technical_error"  # nothing filled: stays technical
    assert automatic_status({"invoice_number": "F"}, "unrecognized") == "incomplete"


def test_review_is_checked_with_suspense_lines_or_without_detail_else_validated():
    assert reviewed_status(COMPLETE) == "validated"
    assert reviewed_status({**COMPLETE, "lines": [{"account": "499000", "suspense": True}]}) == "checked"
    assert reviewed_status({**COMPLETE, "lines": []}) == "checked"


def test_an_edit_drops_the_review_mark_but_not_when_nothing_changed():
    assert status_after_edit("validated", "purchases", "complete", changed=True) == "complete"
    assert status_after_edit("validated", "purchases", "complete", changed=False) == "validated"
    assert status_after_edit("rejected", "purchases", "complete", changed=True) == "complete"
    assert status_after_edit("complete", "misc", "complete", changed=True) == "to_file"
    assert status_after_edit("filed", "misc", "complete", changed=True) == "filed"
    assert status_after_edit("to_file", "purchases", "incomplete", changed=True) == "incomplete"


@pytest.mark.parametrize("status", ALL)
def test_only_reviewed_or_rejected_proposals_are_sent_and_only_open_ones_edited(status):
    if status in ("checked", "validated", "rejected"):
        require_sendable(status)
    else:
        with pytest.raises(WrongStatus, match=status):
            require_sendable(status)
    if status in EDITABLE:
        require_editable(status)
    else:
        with pytest.raises(WrongStatus):
            require_editable(status)
    assert (status in EDITABLE) == (status not in ("sent", "booked", "withdrawing", "to_file", "filed"))


def test_a_vat_amount_needs_a_vat_code_on_its_line():
    """Issue 15 item 1: without one, the software books the line without VAT (less than was validated)."""
    coded = {"line_no": 1, "account": "604000", "vat_code": "21", "net_amount": "100.00", "vat_amount": "21.00"}
    exempt = {"line_no": 2, "account": "610000", "vat_code": None, "net_amount": "50.00", "vat_amount": "0.00"}
    uncoded = {"line_no": 3, "account": "604000", "vat_code": None, "net_amount": "1325.00", "vat_amount": "331.25"}
    require_vat_codes({"lines": [coded, exempt]})
    require_vat_codes({"lines": []})
    with pytest.raises(VatWithoutCode, match="line 3") as refused:
        require_vat_codes({"lines": [coded, exempt, uncoded]})
    assert [f.field for f in refused.value.fields] == ["lines.3.vat_code"] and refused.value.status == 422
