"""What the sync-connector follows on Kafka, in one table."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

from runtime.inbox import Handler, TwoPhase

from sync_connector.handlers.context import Deps
from sync_connector.handlers.payments import on_payment_approved
from sync_connector.handlers.statements import on_bank_statement_received
from sync_connector.handlers.posting import apply_posting, apply_withdrawal, prepare_posting, prepare_withdrawal
from sync_connector.handlers.syncing import on_dossier_changed, on_sync_requested

USE_CASES = {
    "dossier.changed": on_dossier_changed,        # replica; activation imports the dossier (SYN-7)
    # Tryton calls outside the inbox transaction (two-phase, idempotent by the proposal id = external id)
    "proposal.validated": (prepare_posting, apply_posting),        # post it (SYN-2)
    "proposal.withdrawn": (prepare_withdrawal, apply_withdrawal),  # delete its booking (SYN-6)
    "sync.requested": on_sync_requested,          # manual / nightly / full sync (SYN-3..5)
    "bank_statement.received": on_bank_statement_received,  # import, match, reconcile (issue 17)
    "payment.approved": on_payment_approved,      # the payment recorded on the invoice in Tryton (issue 17)
}


def event_handlers(deps: Callable[[], Awaitable[Deps]]) -> dict[str, Handler]:
    """The runtime's handlers {topic: (conn, event) or TwoPhase}; each gets the deps when it runs."""

    def bind(use_case):
        if isinstance(use_case, tuple):
            return two_phase(*use_case)

        async def handle(conn, event):
            await use_case(await deps(), conn, event)

        handle.__name__ = use_case.__name__
        return handle

    def two_phase(prepare, apply) -> TwoPhase:
        async def prepared(pool, event):
            return await prepare(await deps(), pool, event)

        async def applied(conn, event, attempt):
            await apply(await deps(), conn, event, attempt)

        return TwoPhase(prepare=prepared, apply=applied)

    return {topic: bind(use_case) for topic, use_case in USE_CASES.items()}
