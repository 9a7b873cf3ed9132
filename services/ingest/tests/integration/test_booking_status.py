"""A document follows its booking: processed when proposed, booked when posted, processed again when the
booking is deleted in the accounting software (SYN-6); a failed posting changes nothing."""
from __future__ import annotations

import uuid

import pytest
from contracts.events.bookings import BookingRecorded

from ingest.adapters import replica
from ingest.domain.files import IncomingFile
from ingest.handlers.context import Origin
from ingest.handlers.events import on_booking_recorded
from ingest.handlers.intake import intake

from ingest_testkit import pdf_bytes

pytestmark = pytest.mark.integration


async def _status(pool, document_id) -> str:
    return await pool.fetchval("SELECT status FROM documents WHERE id = $1", document_id)


async def test_booked_then_deleted_then_failed(deps, world):
    dossier = await replica.dossier(deps.pool, uuid.UUID(world.own))
    result = await intake(deps, dossier, "purchases", [IncomingFile("b.pdf", pdf_bytes(1))], Origin("portal"))
    doc = result.documents[0].id
    await deps.pool.execute("UPDATE documents SET status = 'processed' WHERE id = $1", doc)

    def synced(action: str, outcome: str = "succeeded") -> BookingRecorded:
        return BookingRecorded(correlation_id="t", office_id=dossier.office_id, dossier_id=uuid.UUID(world.own),
                               action=action, outcome=outcome, accounting_software="tryton", document_id=doc,
                               proposal_id=uuid.uuid4())

    async with deps.pool.acquire() as conn:
        await on_booking_recorded(conn, synced("posted"))
        assert await _status(deps.pool, doc) == "booked"
        await on_booking_recorded(conn, synced("deleted", "failed"))
        assert await _status(deps.pool, doc) == "booked", "a deletion the software refused leaves it booked"
        await on_booking_recorded(conn, synced("deleted"))
        assert await _status(deps.pool, doc) == "processed"
        await on_booking_recorded(conn, synced("posted", "failed"))
        assert await _status(deps.pool, doc) == "processed"
