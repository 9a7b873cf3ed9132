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
