"""SYN-2 and SYN-6: a validated proposal is posted in the accounting software, a withdrawn one's
booking deleted; the outcome goes back on booking.recorded."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import asyncpg
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import MasterData
from contracts.events.proposals import ProposalValidated, ProposalWithdrawn
from runtime import replica

from sync_connector.adapters import repository as repo
from sync_connector.domain.changes import hash_of, key_of
from sync_connector.domain.errors import DossierNotFound, SoftwareRejected, SoftwareUnavailable, UnknownSoftware
from sync_connector.domain.orders import booking_order
from sync_connector.domain.ports import Posted
from sync_connector.domain.status import OK, after_rejection
from sync_connector.entrypoints.metrics import POSTING_SECONDS, POSTINGS
from sync_connector.handlers.alerts import update_status
from sync_connector.handlers.context import Deps, note_unavailable, publish

log = logging.getLogger(__name__)


def _failure(exc: Exception) -> tuple[str, str]:
    if isinstance(exc, SoftwareRejected):
        return exc.kind, exc.reason
    return type(exc).__name__, str(exc)


def _params(exc: Exception) -> dict[str, str]:
    """The values a refusal's code names (amounts, dates), for a text in the reader's language."""
    return exc.params if isinstance(exc, SoftwareRejected) else {}


async def _linked(conn: asyncpg.Connection, event) -> tuple[dict[str, Any] | None, str | None]:
    """The event's dossier with its link; a dossier whose dossier.changed is not in yet is waited for (retried,
    runtime.replica.require), one never announced within a minute of the event is not linked."""
    if event.dossier_id:
        await replica.require(conn, event.dossier_id, since=event.occurred_at)
    dossier = await repo.dossier(conn, event.dossier_id) if event.dossier_id else None
    if dossier is None or not dossier["software"]:
        return dossier, "the dossier is not linked to an accounting software (activate it first)"
    return dossier, None


@dataclass(frozen=True)
class Attempt:
    """What calling the accounting software gave, outside the message's transaction: the booking posted (or
    removed), or why not (kind, reason, the refusal's parameters)."""

    dossier: dict[str, Any] | None
    software: str
    result: Any = None
    failure: tuple[str, str, dict[str, str]] | None = None
    linked: bool = True  # False: the dossier has no accounting software, nothing was called


async def prepare_posting(pool: asyncpg.Pool, event: ProposalValidated, deps: Deps) -> Attempt:
    """Post the proposal in the accounting software, outside any transaction. Idempotent: the proposal id is the
    booking's external id, so a redelivery (worker killed after posting) finds the booking already there."""
    async with pool.acquire() as conn:
        dossier, problem = await _linked(conn, event)
    software = dossier["software"] if dossier and dossier["software"] else "none"
    if problem:
        return Attempt(dossier, software, failure=("DossierNotFound", problem, {}), linked=False)
    try:
        order = booking_order(event)
        adapter = deps.adapters.get(dossier["software"], dossier["installation"])
        started = time.perf_counter()
        posted = await adapter.post_booking(dossier["dossier_code"], order)
        POSTING_SECONDS.labels(software=software).observe(time.perf_counter() - started)
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier["dossier_id"], dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound, UnknownSoftware) as exc:
        return Attempt(dossier, software, failure=(*_failure(exc), _params(exc)))
    return Attempt(dossier, adapter.name, result=posted)


async def apply_posting(conn: asyncpg.Connection, event: ProposalValidated, attempt: Attempt, deps: Deps) -> None:
    """In the message's short transaction: record the posting (or its failure) and publish booking.recorded."""
    if attempt.failure is not None:
        kind, why, params = attempt.failure
        if attempt.linked:
            POSTINGS.labels(software=attempt.software, outcome="refused").inc()
        return await _post_failed(deps, conn, event, attempt.dossier, attempt.software, kind, why, params)
    posted: Posted = attempt.result
    POSTINGS.labels(software=attempt.software, outcome="already_posted" if posted.already_there else "posted").inc()
    await _post_succeeded(deps, conn, event, attempt.dossier, attempt.software, posted)


async def _post_succeeded(deps: Deps, conn: asyncpg.Connection, event: ProposalValidated, dossier: dict, software: str,
                          posted: Posted) -> None:
    dossier_id = dossier["dossier_id"]
    records = MasterData(counterparties=(posted.created_counterparty,) if posted.created_counterparty else (),
                         open_items=(posted.open_item,) if posted.open_item else ())
    # what this event carries counts as published: the next sync does not send it again
    for kind, found in (("counterparties", records.counterparties), ("entries", (posted.booking,)),
                        ("open_items", records.open_items)):
        for record in found:
            await repo.remember(conn, dossier_id, kind, key_of(kind, record), hash_of(record))
    await repo.record_posting(conn, event.proposal_id, dossier_id, event.document_id, "posted",
                              posted.booking.reference, None)
    await update_status(conn, dossier_id, OK, event.correlation_id)
    await repo.sync_soon(conn, dossier_id, deps.settings.sync_after_posting_s)
    await publish(deps, conn, BookingRecorded(
        correlation_id=event.correlation_id, office_id=event.office_id, dossier_id=dossier_id, action="posted",
        accounting_software=software, proposal_id=event.proposal_id, document_id=event.document_id,
        booking=posted.booking, records=records if records.counterparties or records.open_items else None))


async def _post_failed(deps: Deps, conn: asyncpg.Connection, event: ProposalValidated, dossier: dict | None, software: str,
                       kind: str, why: str, params: dict[str, str] | None = None) -> None:
    log.info("proposal %s not posted: %s (%s)", event.proposal_id, why, kind)
    verdict = after_rejection(kind, why, params)
    if dossier is not None:
        await repo.record_posting(conn, event.proposal_id, dossier["dossier_id"], event.document_id, "failed", None,
                                  why)
        await update_status(conn, dossier["dossier_id"], verdict, event.correlation_id)
    await publish(deps, conn, BookingRecorded(
        correlation_id=event.correlation_id, office_id=event.office_id, dossier_id=event.dossier_id, action="posted",
        outcome="failed", error_reason=why, error_code=kind, error_params=params or {}, accounting_software=software,
        proposal_id=event.proposal_id, document_id=event.document_id))


async def prepare_withdrawal(pool: asyncpg.Pool, event: ProposalWithdrawn, deps: Deps) -> Attempt:
    """SYN-6, outside any transaction: delete (draft) or cancel (posted) the booking of a withdrawn proposal.
    Idempotent: the booking is found by the proposal id; once gone, deleting again finds it absent."""
    async with pool.acquire() as conn:
        dossier, problem = await _linked(conn, event)
    if problem:
        return Attempt(dossier, "none", failure=("DossierNotFound", problem, {}), linked=False)
    try:
        adapter = deps.adapters.get(dossier["software"], dossier["installation"])
        removed = await adapter.delete_booking(dossier["dossier_code"], str(event.proposal_id))
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier["dossier_id"], dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound, UnknownSoftware) as exc:
        return Attempt(dossier, dossier["software"], failure=(*_failure(exc), {}))
    return Attempt(dossier, adapter.name, result=removed)


async def apply_withdrawal(conn: asyncpg.Connection, event: ProposalWithdrawn, attempt: Attempt,
                           deps: Deps) -> None:
    """In the message's short transaction: forget the booking's records and publish what became of it."""
    dossier = attempt.dossier
    known = await repo.posting(conn, event.proposal_id)
    if not attempt.linked:
        if known or event.booking_reference:
            await _deleted(deps, conn, event, dossier, "none", None, attempt.failure[1])
        return
    if attempt.failure is not None:
        kind, why, _ = attempt.failure
        await update_status(conn, dossier["dossier_id"], after_rejection(kind, why), event.correlation_id)
        return await _deleted(deps, conn, event, dossier, attempt.software, None, why)
    removed = attempt.result
    if removed.how == "absent" and not (known and known["state"] == "posted") and not event.booking_reference:
        return  # never posted: nothing to delete, nothing to tell
    if removed.booking is not None:
        await repo.forget(conn, dossier["dossier_id"], "entries", removed.booking.reference)
        await repo.forget(conn, dossier["dossier_id"], "open_items", removed.booking.reference)
    await repo.record_posting(conn, event.proposal_id, dossier["dossier_id"], event.document_id, "deleted", None, None)
    await _deleted(deps, conn, event, dossier, attempt.software, removed.booking, None)


async def _deleted(deps: Deps, conn: asyncpg.Connection, event: ProposalWithdrawn, dossier: dict | None, software: str,
                   booking, why: str | None) -> None:
    await publish(deps, conn, BookingRecorded(
        correlation_id=event.correlation_id, office_id=event.office_id, dossier_id=event.dossier_id,
        action="deleted", outcome="failed" if why else "succeeded", error_reason=why, accounting_software=software,
        proposal_id=event.proposal_id, document_id=event.document_id, booking=booking))
