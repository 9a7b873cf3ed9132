"""What payments follows on Kafka: topic -> use case, applied on the event's inbox transaction.

Ack policy: the shared consumer (runtime.dispatch.KeyedDispatcher) commits offsets only up to records
whose inbox row and effect are committed together; failures retry, then go to <topic>.dlq with the reason.
"""
from __future__ import annotations

from payments.handlers import bank, events

EVENT_HANDLERS = {
    "dossier.changed": events.on_dossier_changed,
    "proposal.created": events.on_proposal_created,
    "proposal.validated": events.on_proposal_validated,
    "ledger.synced": events.on_ledger_synced,
    "booking.recorded": events.on_booking_recorded,  # the open item a posting created (PAY-7)
    "bank_statement.imported": bank.on_bank_statement_imported,  # invoices paid by the bank (issue 17)
}
