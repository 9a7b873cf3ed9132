"""The payment records' repository against Postgres (issue 19 item 3): each function on the migrated table, in the
caller's transaction — a record noted once, read back typed and locked, its outcomes, and the bank's successes for
recorded payments of the dossier only; the posted booking a payment's document is looked up by."""
from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import asyncpg
import pytest
from contracts.events.payments import Communication, Creditor, PaymentApproved, PaymentCancelled
from runtime.testing import temp_pool
from sync_testkit import settings

from sync_connector.adapters import payment_records as records
from sync_connector.adapters import repository as repo
from sync_connector.bootstrap import MIGRATIONS
from sync_connector.domain.payment_record import PaymentRecord, software_reference

pytestmark = pytest.mark.integration


@pytest.fixture
async def pool():
    async with temp_pool(settings(), MIGRATIONS) as pool:
        yield pool


def _approved(dossier: uuid.UUID, document: uuid.UUID | None = None) -> PaymentApproved:
    return PaymentApproved(
        correlation_id="test", office_id=uuid.uuid4(), dossier_id=dossier, payment_id=uuid.uuid4(),
        document_id=document, amount=Decimal("121.00"), creditor=Creditor(name="Brouwerij", iban="BE62510007547061"),
        communication=Communication(kind="none"), initiated_by=uuid.uuid4())


def _cancelled(approved: PaymentApproved) -> PaymentCancelled:
    return PaymentCancelled(correlation_id="test", office_id=approved.office_id, dossier_id=approved.dossier_id,
                            payment_id=approved.payment_id, document_id=approved.document_id,
                            amount=approved.amount, was_approved=True)


async def _record(pool, payment_id) -> PaymentRecord | None:
    async with pool.acquire() as conn, conn.transaction():
        return await records.locked(conn, payment_id)


async def test_a_payment_is_noted_once_and_read_back_as_a_record(pool):
    dossier, document = uuid.uuid4(), uuid.uuid4()
    approved = _approved(dossier, document)
    async with pool.acquire() as conn:
        assert not await records.is_noted(conn, approved.payment_id)
        assert await records.locked(conn, approved.payment_id) is None
        async with conn.transaction():
            await records.note(conn, approved, "recorded", reference=software_reference(42))
            await records.note(conn, approved, "refused", reason="a redelivery changes nothing")
        assert await records.is_noted(conn, approved.payment_id)
    record = await _record(pool, approved.payment_id)
    assert (record.payment_id, record.dossier_id, record.document_id, record.state, record.software_reference,
            record.error_reason, record.outcome_at) == (approved.payment_id, dossier, document, "recorded",
                                                        "payment:42", None, None)
    assert record.software_payment == 42 and record.recorded_at is not None

    early = _cancelled(_approved(dossier))  # a cancellation before its approval: noted without a document
    async with pool.acquire() as conn:
        await records.note(conn, early, "cancelled", reason="cancelled before its approval was recorded")
    record = await _record(pool, early.payment_id)
    assert (record.state, record.document_id, record.software_payment, record.error_reason) == (
        "cancelled", None, None, "cancelled before its approval was recorded")


async def test_a_rolled_back_note_leaves_no_record(pool):
    approved = _approved(uuid.uuid4())
    async with pool.acquire() as conn:
        with pytest.raises(RuntimeError):
            async with conn.transaction():
                await records.note(conn, approved, "no_booking")
                raise RuntimeError("the handler failed")
        assert not await records.is_noted(conn, approved.payment_id)


async def test_the_locked_record_waits_for_the_transaction_holding_it(pool):
    approved = _approved(uuid.uuid4())
    await records.note(pool, approved, "recorded", reference="payment:7")
    async with pool.acquire() as holder, holder.transaction():
        assert (await records.locked(holder, approved.payment_id)).state == "recorded"
        async with pool.acquire() as other, other.transaction():
            await other.execute("SET LOCAL lock_timeout = '200ms'")
            with pytest.raises(asyncpg.exceptions.LockNotAvailableError):
                await records.locked(other, approved.payment_id)
    assert (await asyncio.wait_for(_record(pool, approved.payment_id), 5)).state == "recorded"


async def test_outcomes_and_failures_are_written_on_the_record(pool):
    dossier = uuid.uuid4()
    taken_back, kept = _approved(dossier), _approved(dossier)
    for approved, payment in ((taken_back, 1), (kept, 2)):
        await records.note(pool, approved, "recorded", reference=software_reference(payment))
    async with pool.acquire() as conn:
        await records.note_failure(conn, kept.payment_id, "the period is closed")
        await records.note_outcome(conn, taken_back.payment_id, "cancelled", None)
    record = await _record(pool, kept.payment_id)
    assert (record.state, record.error_reason) == ("recorded", "the period is closed")
    assert record.outcome_at is not None
    record = await _record(pool, taken_back.payment_id)
    assert (record.state, record.error_reason) == ("cancelled", None) and record.outcome_at is not None
    async with pool.acquire() as conn:
        await records.note_outcome(conn, kept.payment_id, "succeeded", "the payment was succeeded in the software")
    assert (await _record(pool, kept.payment_id)).state == "succeeded"


async def test_only_the_dossiers_recorded_payments_with_those_references_succeed(pool):
    dossier, elsewhere = uuid.uuid4(), uuid.uuid4()
    paid, unpaid, cancelled, other_dossier = (_approved(dossier), _approved(dossier), _approved(dossier),
                                              _approved(elsewhere))
    for approved, payment in ((paid, 1), (unpaid, 2), (cancelled, 3), (other_dossier, 1)):
        await records.note(pool, approved, "recorded", reference=software_reference(payment))
    await records.note_outcome(pool, cancelled.payment_id, "cancelled", None)
    async with pool.acquire() as conn:
        await records.mark_succeeded(conn, dossier, [software_reference(1), software_reference(3)])
    states = {p.payment_id: (await _record(pool, p.payment_id)).state for p in (paid, unpaid, cancelled, other_dossier)}
    assert states == {paid.payment_id: "succeeded", unpaid.payment_id: "recorded",
                      cancelled.payment_id: "cancelled", other_dossier.payment_id: "recorded"}
    assert (await _record(pool, paid.payment_id)).outcome_at is not None


async def test_the_posted_reference_of_a_document_is_its_posted_booking_only(pool):
    dossier, posted, withdrawn, elsewhere = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with pool.acquire() as conn:
        await repo.record_posting(conn, uuid.uuid4(), dossier, posted, "posted", "invoice:12", None)
        await repo.record_posting(conn, uuid.uuid4(), dossier, withdrawn, "deleted", "invoice:13", None)
        await repo.record_posting(conn, uuid.uuid4(), elsewhere, posted, "posted", "invoice:99", None)
        assert await repo.posted_reference(conn, dossier, posted) == "invoice:12"
        assert await repo.posted_reference(conn, dossier, withdrawn) is None
        assert await repo.posted_reference(conn, dossier, uuid.uuid4()) is None
