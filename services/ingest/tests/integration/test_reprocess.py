"""WL-13: a reprocess request makes ingest publish document.received again for each sent document (a new event id
per request and document, the same file), back "In processing"; a document still in its mailbox, booked or of
another dossier is not republished."""
from __future__ import annotations

import uuid

import pytest
from contracts.codec import deserialize
from contracts.events.documents import DocumentReprocessRequested

from ingest.adapters import replica
from ingest.domain.files import IncomingFile
from ingest.handlers.context import Origin
from ingest.entrypoints.kafka import EVENT_HANDLERS
from ingest.handlers.intake import intake
from ingest.handlers.reprocess import reprocess_event_id

from ingest_testkit import pdf_bytes

pytestmark = pytest.mark.integration


async def _document(deps, dossier, status: str, pages: int) -> uuid.UUID:
    result = await intake(deps, dossier, "purchases", [IncomingFile(f"{status}.pdf", pdf_bytes(pages))], Origin("portal"))
    doc = result.documents[0].id
    await deps.pool.execute("UPDATE documents SET status = $2 WHERE id = $1", doc, status)
    return doc


async def _republished(pool) -> list:
    rows = await pool.fetch("SELECT payload FROM outbox WHERE topic = 'document.received' ORDER BY id")
    return [deserialize("document.received", bytes(r["payload"])) for r in rows]


async def test_sent_documents_are_republished_once_per_request(deps, world):
    dossier = await replica.dossier(deps.pool, uuid.UUID(world.own))
    processed = await _document(deps, dossier, "processed", 1)
    in_mailbox = await _document(deps, dossier, "mailbox", 2)
    booked = await _document(deps, dossier, "booked", 3)
    before = {e.event_id for e in await _republished(deps.pool)}
    request = DocumentReprocessRequested(
        correlation_id="req-1", office_id=dossier.office_id, dossier_id=uuid.UUID(world.own),
        request_id=uuid.uuid4(), document_ids=(processed, in_mailbox, booked, uuid.uuid4(), processed))
    async with deps.pool.acquire() as conn, conn.transaction():
        await EVENT_HANDLERS["document.reprocess_requested"](conn, request)

    new = [e for e in await _republished(deps.pool) if e.event_id not in before]
    assert [(e.document_id, e.event_id) for e in new] == [(processed, reprocess_event_id(request.request_id, processed))]
    original = await deps.pool.fetchrow("SELECT sha256, storage_key FROM documents WHERE id = $1", processed)
    assert (new[0].sha256, new[0].storage_key, new[0].correlation_id) == (original["sha256"], original["storage_key"],
                                                                           "req-1")
    statuses = {r["id"]: r["status"] for r in await deps.pool.fetch(
        "SELECT id, status FROM documents WHERE id = ANY($1::uuid[])", [processed, in_mailbox, booked])}
    assert statuses == {processed: "processing", in_mailbox: "mailbox", booked: "booked"}
    assert reprocess_event_id(uuid.uuid4(), processed) != new[0].event_id  # another request, another event
