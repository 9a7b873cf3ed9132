"""SYN-2 booking orders from validated proposals; ACT-1 sync status with an instruction."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from contracts.events.common import JournalRef
from sync_testkit import proposal_validated

from sync_connector.domain.errors import SoftwareRejected
from sync_connector.domain.orders import booking_order, check_totals
from sync_connector.domain.status import after_rejection, after_unavailable


def test_a_validated_purchase_proposal_becomes_a_purchase_order_keyed_by_the_proposal_id():
    event = proposal_validated(uuid.uuid4(), uuid.uuid4(), period="2026-03")
    order = booking_order(event)
    assert order.external_id == str(event.proposal_id) and order.direction == "purchase"
    assert order.booking_date == date(2026, 3, 10) and order.period_code == "2026-03"
    assert order.total == Decimal("242.00") and order.comment == "ok voor mij" and order.final
    assert order.party.vat_number == "BE0402466361" and order.lines[0].vat_code == "achat_marchandises_21"


def test_an_invoice_date_outside_the_period_books_on_the_periods_first_day():
    event = proposal_validated(uuid.uuid4(), uuid.uuid4(), period="2026-04").model_copy(
        update={"invoice_date": date(2026, 3, 28)})
    order = booking_order(event)
    assert order.booking_date == date(2026, 4, 1) and order.invoice_date == date(2026, 3, 28)


def test_a_financial_journal_is_refused():
    event = proposal_validated(uuid.uuid4(), uuid.uuid4()).model_copy(
        update={"journal": JournalRef(code="BNK", type="financial")})
    with pytest.raises(SoftwareRejected, match="only purchase and sales"):
        booking_order(event)


def test_rejections_the_collaborator_can_fix_say_what_to_do():
    verdict = after_rejection("ClosedPeriod", "period 2026-01 is closed in Tryton")
    assert verdict.status == "needs_collaborator" and "Reopen the period" in verdict.instruction
    assert after_rejection("SomethingOdd", "boom").status == "needs_support"
    down = after_unavailable("local", "connection refused")
    assert down.status == "needs_support" and "Bookings wait" in down.instruction


def test_the_instruction_is_a_code_with_values_for_the_portal_to_translate():
    """Issue 15: the portal says the instruction in the reader's language from its code and values."""
    closed = after_rejection("ClosedPeriod", "period 2026-01 is closed in Tryton")
    assert (closed.code, closed.params) == ("ClosedPeriod", {"reason": "period 2026-01 is closed in Tryton"})
    odd = after_rejection("SomethingOdd", "boom")
    assert (odd.code, odd.params) == ("SoftwareRefused", {"reason": "boom"})
    down = after_unavailable("local", "connection refused")
    assert (down.code, down.params) == ("SoftwareUnreachable", {"installation": "local", "reason": "connection refused"})
    late = after_rejection("SalesNumberOrder", "long English words", {"date": "2026-03-01", "sequence": "VC2026"})
    assert late.params == {"date": "2026-03-01", "sequence": "VC2026"}, "the values say it: no English repeated"


def test_an_order_must_come_to_the_validated_totals_whatever_its_lines_say():
    event = proposal_validated(uuid.uuid4(), uuid.uuid4())
    event = event.model_copy(update={"totals": event.totals.model_copy(update={"gross": Decimal("250.00")})})
    order = booking_order(event)
    assert (order.validated_totals().net, order.validated_totals().vat, order.validated_totals().gross) == (
        Decimal("200.00"), Decimal("42.00"), Decimal("250.00"))
    check_totals(order, Decimal("-200.00"), Decimal("-42.00"), Decimal("-250.00"))  # a credit note's signs
    with pytest.raises(SoftwareRejected) as refused:
        check_totals(order, Decimal("200.00"), Decimal("42.00"), Decimal("242.00"))
    assert refused.value.kind == "TotalsDiffer" and refused.value.params["software_gross"] == "242.00"
    verdict = after_rejection(refused.value.kind, refused.value.reason)
    assert verdict.status == "needs_collaborator" and "VAT code" in verdict.instruction


def test_only_a_rounding_difference_is_aligned_to_the_validated_vat():
    """Issue 15 item 1: per line 2.11 + 2.11 = 4.22, per document 20.06 x 21 % = 4.21: one cent per line at most."""
    from sync_connector.domain.vat_rounding import rounding_only, validated_vat
    assert rounding_only(Decimal("4.21"), Decimal("4.22"), 2) and rounding_only(Decimal("-4.21"), Decimal("-4.22"), 1)
    assert not rounding_only(Decimal("4.20"), Decimal("4.22"), 1) and not rounding_only(Decimal("0"), Decimal("331.25"), 1)
    assert not rounding_only(Decimal("4.22"), Decimal("4.22"), 2), "nothing to align"
    order = booking_order(proposal_validated(uuid.uuid4(), uuid.uuid4()))
    wanted, counts = validated_vat(order, lambda line: line.vat_code)
    assert sum(wanted.values()) == order.validated_totals().vat and sum(counts.values()) == len(order.lines)
    off = order.__class__(**{**order.__dict__, "totals": order.validated_totals().__class__(
        order.validated_totals().net, order.validated_totals().vat + Decimal("1"), order.validated_totals().gross)})
    assert validated_vat(off, lambda line: line.vat_code) == ({}, {}), "lines that do not make the VAT total"
