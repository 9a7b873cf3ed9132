"""What notify follows on Kafka; each subscriber hands the event to one use case on the event's transaction.

Ack policy: the shared consumer (runtime.dispatch.KeyedDispatcher) commits offsets only up to records
whose inbox row and effect are committed together; failures retry, then go to <topic>.dlq. A request that can never be
sent is not a failure of the message: it is recorded as failed (see handlers.notifications).
"""
from __future__ import annotations

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.notifications import NotificationRequested
from contracts.events.payments import PaymentApproved

from notify.adapters import offices
from notify.domain.payment_notice import approved_request
from notify.handlers import notifications
from notify.handlers.context import Deps


async def on_requested(conn: asyncpg.Connection, event: NotificationRequested, deps: Deps) -> None:
    if event.params.get("office_slug"):  # the office's portal address, for notify's own mails (issue 17 item 4)
        await offices.remember(conn, event.office_id, event.params["office_slug"])
        r = event.recipient  # and who its people are, for its administrators' alerts (ACT-3)
        if r.user_id and r.email:
            await offices.remember_person(conn, event.office_id, r.user_id, r.email, r.name, event.language)
    await notifications.on_requested(conn, event, deps.settings.notify_portal_url)


async def on_dossier(conn: asyncpg.Connection, event: DossierChanged, deps: Deps) -> None:
    await deps.on_dossier_changed(conn, event)


async def on_payment_approved(conn: asyncpg.Connection, event: PaymentApproved, deps: Deps) -> None:
    """Issue 17 item 1: an approved payment is told to whoever must execute it, as a request of notify's own; its
    link names the office's portal like the office's mails do (item 4)."""
    request = approved_request(event, await offices.slug_of(conn, event.office_id))
    await notifications.on_requested(conn, request, deps.settings.notify_portal_url)


EVENT_HANDLERS = {"notification.requested": on_requested, "dossier.changed": on_dossier,
                  "payment.approved": on_payment_approved}
