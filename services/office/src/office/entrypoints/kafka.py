"""What office follows on Kafka: topic -> use case (handlers/activity.py: ACT-1, SYN-3, SYN-4), applied on the
event's inbox transaction.

Ack policy: the shared consumer (runtime.dispatch.KeyedDispatcher) commits offsets only up to records
whose inbox row and effect are committed together; failures retry, then go to <topic>.dlq with the reason.
"""
from __future__ import annotations

from office.handlers import activity

EVENT_HANDLERS = {
    "document.received": activity.on_document_received,
    "ledger.synced": activity.on_ledger_synced,  # sync runs: status, 'accounting updated up to'
    "booking.recorded": activity.on_booking_recorded,  # the sent-proposals counter
    "sync.requested": activity.on_sync_requested,
}
