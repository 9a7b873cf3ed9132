"""What ingest follows on Kafka: topic -> use case, each `(conn, event, deps)` on the event's inbox transaction;
failures retry, then go to <topic>.dlq."""
from __future__ import annotations

from ingest.handlers.events import on_booking_recorded, on_dossier_changed, on_proposal_created
from ingest.handlers.reprocess import on_reprocess_requested

EVENT_HANDLERS = {
    "dossier.changed": on_dossier_changed,
    "proposal.created": on_proposal_created,
    "booking.recorded": on_booking_recorded,
    "document.reprocess_requested": on_reprocess_requested,  # WL-13: read again, document.received anew
}
