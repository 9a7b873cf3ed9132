"""ING-9: send documents to the accountant — they move to "In processing" and document.received is published."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.documents import DocumentReceived
from runtime import context
from runtime.outbox import enqueue

from ingest.adapters import documents


def received_event(doc: dict[str, Any], correlation_id: str | None = None) -> DocumentReceived:
    """The one DocumentReceived shape, whatever the way in (portal, e-mail, mobile, API)."""
    return DocumentReceived(
        correlation_id=correlation_id or context.correlation_id.get() or f"document:{doc['id']}",
        office_id=doc["office_id"], dossier_id=doc["dossier_id"], document_id=doc["id"], source=doc["source"],
        mailbox=doc["mailbox"], filename=doc["filename"][:255], content_type=doc["content_type"],
        size_bytes=doc["size_bytes"], sha256=doc["sha256"], storage_key=doc["storage_key"],
        page_count=doc["page_count"], sender=doc["sender"], submitted_by=doc["submitted_by"],
        email_message_id=doc["email_message_id"], email_subject=doc["email_subject"],
        auto_transmitted=doc["auto_transmitted"], derived_from=tuple(doc["derived_from"] or ()),
    )


async def send_one(conn: asyncpg.Connection, doc: dict[str, Any], *, auto: bool = False) -> dict[str, Any]:
    """Move one mailbox document to processing and enqueue its event (inside the caller's transaction)."""
    if doc["status"] != "mailbox":
        return doc
    sent = await documents.update(conn, doc["id"], status="processing", sent_at=datetime.now(timezone.utc),
                                  auto_transmitted=auto)
    await enqueue(conn, received_event(sent), source="ingest")
    return sent


async def send(pool: asyncpg.Pool, dossier_id: UUID, document_ids: list[UUID]) -> list[dict[str, Any]]:
    """Send the chosen documents; those already sent stay as they are (sending twice publishes once)."""
    from ingest.domain.errors import NotFound

    async with pool.acquire() as conn, conn.transaction():
        found = []
        for document_id in dict.fromkeys(document_ids):
            doc = await documents.get(conn, dossier_id, document_id, for_update=True)
            if doc is None:
                raise NotFound(f"document {document_id} is not in this dossier")
            found.append(doc)
        return [await send_one(conn, doc) for doc in found]
