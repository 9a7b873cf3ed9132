"""What reporting follows on Kafka: topic -> use case, applied on the event's inbox transaction.

Ack policy: the shared consumer (runtime.dispatch.KeyedDispatcher) commits offsets only up to records
whose inbox row and effect are committed together; failures retry, then go to <topic>.dlq with the reason.
"""
from __future__ import annotations

from reporting.handlers import events

EVENT_HANDLERS = {
    "dossier.changed": events.on_dossier_changed,
    "ledger.synced": events.on_ledger_synced,  # sync runs and master data
    "booking.recorded": events.on_booking_recorded,  # a proposal posted or its booking deleted
    "document.received": events.on_document_received,
    "document.recognized": events.on_document_recognized,
    "proposal.created": events.on_proposal_created,  # stage latency only (issue 18)
    "proposal.validated": events.on_proposal_validated,  # stage latency only (issue 18)
    "payment.approved": events.on_payment_approved,
    "payment.cancelled": events.on_payment_cancelled,  # no longer "payment in progress" (issue 17)
    "bank_statement.imported": events.on_bank_statement_imported,  # paid by the bank at once (issue 17)
}
