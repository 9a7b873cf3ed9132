"""The adapter contract (test_adapter_contract), its refusals: what the accounting software refuses — an unknown
account or VAT code, amounts other than validated (but not a one-cent rounding), a closed or locked period, a
sales document out of number order — each with its kind and reason, leaving nothing booked; run against the fake
and against Tryton."""
from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from sync_testkit import lock_year, purchase, sale

from sync_fake_adapter import FakeAdapter
from sync_connector.domain.errors import SoftwareRejected
from sync_connector.domain.ports import OrderTotals

pytestmark = pytest.mark.integration


async def test_unknown_account_or_vat_code_is_refused_with_a_reason_and_leaves_nothing(world):
    adapter, code = world
    for order, words in ((purchase(account="609999"), "account 609999"),
                         (purchase(vat_code="no_such_code"), "VAT code no_such_code")):
        with pytest.raises(SoftwareRejected) as refused:
            await adapter.post_booking(code, order)
        assert words in refused.value.reason
        assert await adapter.find_booking(code, order.external_id) is None


async def test_a_booking_for_other_amounts_than_validated_is_refused_before_posting_and_leaves_nothing(world):
    adapter, code = world
    order = purchase("2026-05", net="1325.00")  # the Peppol example: 1325.00 + 331.25 VAT = 1656.25
    no_code = replace(order.lines[0], vat_code=None, vat_amount=Decimal("331.25"))
    vat_without_code = replace(order, lines=(no_code,), total=Decimal("1656.25"),
                               totals=OrderTotals(Decimal("1325.00"), Decimal("331.25"), Decimal("1656.25")))
    gross_off = replace(purchase("2026-05", net="100.00"), totals=OrderTotals(Decimal("100.00"), Decimal("21.00"),
                                                                                Decimal("125.00")))
    for wrong in (vat_without_code, replace(vat_without_code, external_id=str(uuid.uuid4()), final=False),
                  gross_off):
        with pytest.raises(SoftwareRejected) as refused:
            await adapter.post_booking(code, wrong)
        assert refused.value.kind == "TotalsDiffer", refused.value.reason
        p = {k: Decimal(v) for k, v in refused.value.params.items()}
        assert (p["net"], p["vat"], p["gross"]) == (wrong.totals.net, wrong.totals.vat, wrong.totals.gross)
        assert p["software_gross"] != p["gross"]
        assert await adapter.find_booking(code, wrong.external_id) is None
    assert (p["software_net"], p["software_vat"], p["software_gross"]) == (Decimal("100.00"), Decimal("21.00"),
                                                                           Decimal("121.00"))
    assert not [e for e in await adapter.read_entries(code)
                if e.external_id in (vat_without_code.external_id, gross_off.external_id)]


def _rounded_per_line(period: str, kind: str = "invoice"):
    """Two lines of 10.03 at 21 %: 2.11 VAT each as the document rounds per line (4.22), where Tryton, rounding
    per document, computes 20.06 x 21 % = 4.21 — a one-cent rounding difference (issue 15 item 1)."""
    order = purchase(period, net="10.03", kind=kind)
    line = replace(order.lines[0], vat_amount=Decimal("2.11"))
    return replace(order, lines=(line, replace(line, description="Hop")), total=Decimal("24.28"),
                   totals=OrderTotals(Decimal("20.06"), Decimal("4.22"), Decimal("24.28")))


async def test_a_one_cent_rounding_difference_is_booked_as_validated_not_refused(world):
    """Issue 15 item 1: what reaches the books is what was validated — the connector writes the validated VAT on
    Tryton's invoice tax instead of refusing the cent (or loosening the comparison); a credit note the same.
    A larger difference stays refused (the test above)."""
    adapter, code = world
    for order in (_rounded_per_line("2026-06"), _rounded_per_line("2026-06", kind="credit_note")):
        posted = await adapter.post_booking(code, order)
        booking = posted.booking
        vat = sum((line.debit - line.credit for line in booking.lines if line.account.startswith("411")),
                  Decimal(0))
        assert abs(vat) == Decimal("4.22"), (order.kind, booking.lines)
        payable = sum((line.credit - line.debit for line in booking.lines if line.account.startswith("44")),
                      Decimal(0))
        assert abs(payable) == Decimal("24.28"), (order.kind, booking.lines)
        assert await adapter.find_booking(code, order.external_id) is not None


async def test_a_closed_period_is_refused_and_closing_needs_no_drafts(world):
    adapter, code = world
    closed = await adapter.close_periods_before(code, "2025-04")
    assert [c for c in closed if c >= "2025"] == ["2025-01", "2025-02", "2025-03"]
    periods = {p.code: p.state for p in (await adapter.read_master_data(code)).periods}
    assert periods["2025-02"] == "closed" and periods["2025-04"] == "open"
    order = purchase("2025-02")
    with pytest.raises(SoftwareRejected) as refused:
        await adapter.post_booking(code, order)
    assert refused.value.kind == "ClosedPeriod" and "2025-02" in refused.value.reason
    assert await adapter.find_booking(code, order.external_id) is None


async def test_periods_with_draft_entries_are_not_closed(world):
    adapter, code = world
    draft = purchase("2025-09", lines=False, net="12.00", vat_code=None, final=False)
    await adapter.post_booking(code, draft)
    with pytest.raises(SoftwareRejected) as refused:
        await adapter.close_periods_before(code, "2025-10")
    assert refused.value.kind == "ClosePeriodError"
    assert {p.code: p.state for p in (await adapter.read_master_data(code)).periods}["2025-09"] == "open"
    await adapter.delete_booking(code, draft.external_id)


async def test_a_locked_fiscal_year_is_refused_as_locked(world):
    adapter, code = world
    await lock_year(adapter, code, 2024)
    order = purchase("2024-06")
    with pytest.raises(SoftwareRejected) as refused:
        await adapter.post_booking(code, order)
    assert refused.value.kind == "LockedYear" and "locked" in refused.value.reason
    assert {p.code: p.state for p in (await adapter.read_master_data(code)).periods}["2024-06"] == "locked"


async def test_a_sales_invoice_arriving_late_keeps_the_clients_number_one_without_is_told_what_to_do(world):
    adapter, code = world
    booked_first = sale("2026-11", day=20, number=f"VF-{uuid.uuid4().hex[:6]}-120")
    arrives_late = sale("2026-11", day=5, number=f"VF-{uuid.uuid4().hex[:6]}-119")  # dated before, sent after
    for order in (booked_first, arrives_late):
        posted = await adapter.post_booking(code, order)
        assert posted.booking.final and posted.booking.invoice_number == order.invoice_number
        assert posted.booking.booking_date == order.invoice_date
    if not isinstance(adapter, FakeAdapter):  # Tryton numbers it with the client's number, not its sequence
        rows = await (await adapter.rpc(code)).search_read(
            "account.invoice", [("bf_external_id", "=", arrives_late.external_id)], ["number"])
        assert rows[0]["number"] == arrives_late.invoice_number
    # without a number of its own a sales document is numbered by the software, in date order
    await adapter.post_booking(code, sale("2026-12", day=28, number=None))
    unnumbered = sale("2026-12", day=1, number=None)
    with pytest.raises(SoftwareRejected) as refused:
        await adapter.post_booking(code, unnumbered)
    assert refused.value.kind == "SalesNumberOrder" and "invoice number the client gave" in refused.value.reason
    assert refused.value.params["date"] and refused.value.params["after_invoice"]
    assert await adapter.find_booking(code, unnumbered.external_id) is None
