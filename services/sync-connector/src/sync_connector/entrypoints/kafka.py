"""What the sync-connector follows on Kafka: topic -> use case, each given the service's Deps by the runtime.

Calls to the accounting software run outside the inbox transaction (TwoPhase: prepare(pool, event, deps), idempotent
by the proposal id = external id, then apply(conn, event, attempt, deps) records and publishes the outcome).
"""
from __future__ import annotations

from runtime.inbox import TwoPhase

from sync_connector.handlers.payments import on_payment_approved, on_payment_cancelled
from sync_connector.handlers.posting import apply_posting, apply_withdrawal, prepare_posting, prepare_withdrawal
from sync_connector.handlers.statements import on_bank_statement_received
from sync_connector.handlers.syncing import on_dossier_changed, on_sync_requested

EVENT_HANDLERS = {
    "dossier.changed": on_dossier_changed,        # replica; activation imports the dossier (SYN-7)
    "proposal.validated": TwoPhase(prepare=prepare_posting, apply=apply_posting),        # post it (SYN-2)
    "proposal.withdrawn": TwoPhase(prepare=prepare_withdrawal, apply=apply_withdrawal),  # delete its booking (SYN-6)
    "sync.requested": on_sync_requested,          # manual / nightly / full sync (SYN-3..5)
    "bank_statement.received": on_bank_statement_received,  # import, match, reconcile (issue 17)
    "payment.approved": on_payment_approved,      # the payment recorded on the invoice in Tryton (issue 17)
    "payment.cancelled": on_payment_cancelled,    # ... and taken back out of Tryton when cancelled (issue 17)
}
