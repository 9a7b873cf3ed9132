"""What notify follows on Kafka; each subscriber hands the event to one use case on the event's transaction.

Ack policy: the shared consumer (runtime.subscriptions) commits the offset only after the inbox row and
the effect are committed together; failures retry, then go to <topic>.dlq. A request that can never be
sent is not a failure of the message: it is recorded as failed (see handlers.notifications).
"""
from __future__ import annotations

from collections.abc import Callable

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.notifications import NotificationRequested

from notify.handlers import notifications


def event_handlers(portal_url: Callable[[], str]) -> dict:
    """topic -> handler; `portal_url` gives the base of the links in mails (read from the settings)."""

    async def on_requested(conn: asyncpg.Connection, event: NotificationRequested) -> None:
        await notifications.on_requested(conn, event, portal_url())

    async def on_dossier(conn: asyncpg.Connection, event: DossierChanged) -> None:
        await notifications.on_dossier_changed(conn, event, portal_url())

    return {"notification.requested": on_requested, "dossier.changed": on_dossier}
