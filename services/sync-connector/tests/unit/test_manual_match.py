"""Issue 17 item 3: matching by hand a line the rules left — what the office is offered (the line's kind, the rules'
suggestions first, then the nearest amounts) and what fits (together the line's amount, or one invoice it pays in
part)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sync_connector.domain.errors import AmountsDoNotFit, InvoiceNotOpen, NothingPicked
from sync_connector.domain.manual_match import allocate, candidates, pick
from sync_connector.domain.matching import OpenInvoice


def _open(reference: str, amount: str, kind: str = "payable", due: date | None = None) -> OpenInvoice:
    return OpenInvoice(reference=reference, kind=kind, party="7", amount_open=Decimal(amount), due_date=due)


BOOK = [_open("1", "121.00", due=date(2026, 4, 30)), _open("2", "60.50", due=date(2026, 4, 12)),
        _open("3", "242.00"), _open("4", "60.50", due=date(2026, 4, 1)), _open("9", "60.50", kind="receivable"),
        _open("5", "0.00")]


def test_the_suggestions_come_first_then_the_nearest_amounts_of_the_lines_kind():
    found = candidates(Decimal("-60.50"), BOOK, suggested=["3"])
    assert [(i.reference, s) for i, s in found] == [("3", True), ("4", False), ("2", False), ("1", False)]
    assert [i.reference for i, _ in candidates(Decimal("60.50"), BOOK, [])] == ["9"]  # money in: receivables


def test_invoices_that_make_the_amount_are_paid_in_full():
    paid = allocate(Decimal("-181.50"), pick(Decimal("-181.50"), BOOK, ["1", "2"]))
    assert [(i.reference, a) for i, a in paid] == [("1", Decimal("121.00")), ("2", Decimal("60.50"))]


def test_one_invoice_is_paid_in_part_by_a_smaller_line():
    assert [(i.reference, a) for i, a in allocate(Decimal("-100"), pick(Decimal("-100"), BOOK, ["3"]))] == [
        ("3", Decimal("100"))]


@pytest.mark.parametrize("amount, references", [("-100", ["1", "2"]), ("-300", ["3"]), ("-150", ["1", "2"])])
def test_amounts_that_do_not_fit_are_refused_naming_both(amount, references):
    with pytest.raises(AmountsDoNotFit) as refused:
        allocate(Decimal(amount), pick(Decimal(amount), BOOK, references))
    assert refused.value.params["amount"] == str(abs(Decimal(amount)))
    assert refused.value.status == 422 and refused.value.code == "amounts_do_not_fit"


def test_an_invoice_not_open_or_of_the_other_kind_and_nothing_picked_are_refused():
    with pytest.raises(InvoiceNotOpen):
        pick(Decimal("-60.50"), BOOK, ["9"])  # a receivable for money out
    with pytest.raises(InvoiceNotOpen):
        pick(Decimal("-60.50"), BOOK, ["5"])  # paid already
    with pytest.raises(NothingPicked):
        pick(Decimal("-60.50"), BOOK, [])
    assert [i.reference for i in pick(Decimal("-121"), BOOK, ["1", "1"])] == ["1"]  # each once
