"""What the sync-connector follows on Kafka, in one table."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

from runtime.inbox import Handler

from sync_connector.handlers.context import Deps
from sync_connector.handlers.statements import on_bank_statement_received
from sync_connector.handlers.posting import on_proposal_validated, on_proposal_withdrawn
from sync_connector.handlers.syncing import on_dossier_changed, on_sync_requested

USE_CASES = {
    "dossier.changed": on_dossier_changed,        # replica; activation imports the dossier (SYN-7)
    "proposal.validated": on_proposal_validated,  # post it (SYN-2)
    "proposal.withdrawn": on_proposal_withdrawn,  # delete its booking (SYN-6)
    "sync.requested": on_sync_requested,          # manual / nightly / full sync (SYN-3..5)
    "bank_statement.received": on_bank_statement_received,  # import, match, reconcile (issue 17)
}


def event_handlers(deps: Callable[[], Awaitable[Deps]]) -> dict[str, Handler]:
    """The runtime's handlers {topic: (conn, event)}; each gets the deps when it runs."""

    def bind(use_case):
        async def handle(conn, event):
            await use_case(await deps(), conn, event)

        handle.__name__ = use_case.__name__
        return handle

    return {topic: bind(use_case) for topic, use_case in USE_CASES.items()}
