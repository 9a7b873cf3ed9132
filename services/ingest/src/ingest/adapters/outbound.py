"""What ingest announces, in the contracts' terms: the events a document recorded become document.received."""
from __future__ import annotations

from contracts.events.documents import DocumentReceived
from runtime import context

from ingest.domain.document import Document, DocumentEvent, Reread, Sent


def received_event(doc: Document, correlation_id: str | None = None) -> DocumentReceived:
    """The one DocumentReceived shape, whatever the way in (portal, e-mail, mobile, API)."""
    return DocumentReceived(
        correlation_id=correlation_id or context.correlation_id.get() or f"document:{doc.id}",
        office_id=doc.office_id, dossier_id=doc.dossier_id, document_id=doc.id, source=doc.source,
        mailbox=doc.mailbox, filename=doc.filename[:255], content_type=doc.content_type,
        size_bytes=doc.size_bytes, sha256=doc.sha256, storage_key=doc.storage_key,
        page_count=doc.page_count, sender=doc.sender, submitted_by=doc.submitted_by,
        email_message_id=doc.email_message_id, email_subject=doc.email_subject,
        auto_transmitted=doc.auto_transmitted, derived_from=doc.derived_from, uploaded_at=doc.created_at,
    )


def contract_event(doc: Document, recorded: DocumentEvent) -> DocumentReceived:
    """The wire event of what the document recorded: sent (ING-9), or read again by a request (WL-13)."""
    if isinstance(recorded, Reread):
        event = received_event(doc, recorded.correlation_id)
        return event.model_copy(update={"event_id": recorded.event_id})
    assert isinstance(recorded, Sent)
    return received_event(doc)
