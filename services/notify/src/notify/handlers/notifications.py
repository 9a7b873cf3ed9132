"""Use cases of notify on Kafka: a notification request (COM-5, COM-6), a dossier change (replica, pending requests).

A request whose recipients are users of a dossier notify has not heard of yet is kept as `pending` (not
dropped, not failed): office publishes dossier.changed and the request on different topics, so either may
come first. When the dossier arrives, its pending requests are carried out in the same transaction.
A request that can never be carried out (unknown template, missing placeholder, unknown recipient) is
recorded as `failed` with the reason, logged and counted, and not retried.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.notifications import NotificationRequested
from runtime import replica as dossiers

from notify.adapters import mail_queue, replica, requests
from notify.adapters.templates import PgTemplates
from notify.domain.audience import Dossier
from notify.domain.errors import NoRecipients, NotifyError, UnknownRecipient
from notify.entrypoints.metrics import MAILS_QUEUED, REQUESTS_FAILED, REQUESTS_PENDING
from notify.handlers.compose import compose, for_office_admins, needs_dossier
from notify.handlers.conversations import open_from_request

log = logging.getLogger(__name__)


async def on_requested(conn: asyncpg.Connection, request: NotificationRequested, portal_url: str) -> None:
    """Render and queue the mails (and the portal message) of a request, or keep it pending, or fail it."""
    if request.dossier_id is not None:
        await requests.lock_dossier(conn, request.dossier_id)
    dossier = await replica.load(conn, request.dossier_id) if request.dossier_id else None
    if dossier is None and request.dossier_id is not None and needs_dossier(request):
        await requests.record(conn, request, "pending")
        REQUESTS_PENDING.inc()
        log.info("notification %s (%s) waits for dossier %s", request.event_id, request.template, request.dossier_id)
        return
    await carry_out(conn, request, dossier, portal_url)


async def carry_out(conn: asyncpg.Connection, request: NotificationRequested, dossier: Dossier | None,
                    portal_url: str, *, waiting: bool = False) -> None:
    """Compose and queue the request; `waiting`: it was pending, and a snapshot without its recipients (an early
    dossier.changed, before the users were added) leaves it pending for the next one instead of failing it."""
    if dossier is not None and for_office_admins(request):
        dossier = replace(dossier, admins=await replica.office_admins(conn, dossier.dossier_id))
    try:
        plan = await compose(request, dossier, PgTemplates(conn), portal_url)
    except (NoRecipients, UnknownRecipient) as exc:
        if waiting:
            log.info("notification %s (%s) still waits: %s", request.event_id, request.template, exc.message)
            return
        await _failed(conn, request, exc)
        return
    except NotifyError as exc:
        await _failed(conn, request, exc)
        return
    if plan.message_text is not None and request.dossier_id is not None:
        await open_from_request(conn, request, plan.message_text)
    added = await mail_queue.queue(conn, request, plan.mails)
    await requests.record(conn, request, "done")
    MAILS_QUEUED.labels(request.template).inc(added)
    log.info("notification %s (%s): %d mail(s) queued", request.event_id, request.template, added)


async def _failed(conn: asyncpg.Connection, request: NotificationRequested, exc: NotifyError) -> None:
    await requests.record(conn, request, "failed", exc.message)
    REQUESTS_FAILED.labels(exc.reason).inc()
    log.warning("notification %s (%s) failed: %s", request.event_id, request.template, exc.message)


def dossier_projection(portal_url: str) -> Callable[..., Awaitable[None]]:
    """notify's dossier.changed use case ``(conn, event, deps=None)``: the platform's dossier replica
    (runtime.replica.projection: nothing for an office-wide change, which names no dossier), then, in the same
    transaction, the requests that waited for the dossier. Built once, with notify's deps (handlers.context.Deps)."""
    return dossiers.projection(partial(release_waiting, portal_url=portal_url))


async def release_waiting(conn: asyncpg.Connection, event: DossierChanged, *, portal_url: str) -> None:
    """Carry out the requests that waited for the dossier, now in the replica (a projection hook)."""
    await requests.lock_dossier(conn, event.dossier_id)
    waiting = await requests.pending(conn, event.dossier_id)
    if waiting:
        dossier = await replica.load(conn, event.dossier_id)
        for request in waiting:
            await carry_out(conn, request, dossier, portal_url, waiting=True)
