"""What the worklist follows on Kafka: topic -> use case, each `(conn, event, deps)` on the event's inbox
transaction; failures retry, then go to <topic>.dlq."""
from __future__ import annotations

from worklist.handlers.events import (
    on_booking_recorded, on_document_received, on_dossier_changed, on_ledger_synced, on_proposal_created,
)
from worklist.handlers.reprocess import on_document_recognized

EVENT_HANDLERS = {
    "proposal.created": on_proposal_created,
    "document.received": on_document_received,
    "ledger.synced": on_ledger_synced,  # master data the edits are checked against
    "booking.recorded": on_booking_recorded,  # booked, rejected, deleted
    "dossier.changed": on_dossier_changed,
    "document.recognized": on_document_recognized,  # WL-13: why recognition failed, reprocessing answered
}
