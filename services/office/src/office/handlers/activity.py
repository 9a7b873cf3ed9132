"""What office learns from the other services (ACT-1, SYN-3, SYN-4; entrypoints/kafka.py routes the topics here)
and the active-clients monitor."""
from __future__ import annotations

from typing import Any

import asyncpg
from contracts.events.documents import DocumentReceived
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import LedgerSynced, SyncRequested

from office.domain.dossier import summary
from office.domain.monitor import COLUMNS, row, sort_rows
from office.domain.ports import UnitOfWork
from office.handlers.context import Caller, Deps
from office.handlers.dossiers import access_of, visible


async def on_document_received(conn: asyncpg.Connection, event: DocumentReceived, deps: Deps | None = None) -> None:
    """Count the document and remember when the last one arrived."""
    if event.dossier_id is not None:
        async with Deps.within(conn, deps) as uow:
            await uow.activity.document_received(str(event.dossier_id), event.occurred_at)


async def on_sync_requested(conn: asyncpg.Connection, event: SyncRequested, deps: Deps | None = None) -> None:
    """SYN-4: a manual sync may reset the sent-proposals counter."""
    if event.dossier_id is not None and event.reset_sent_counter:
        async with Deps.within(conn, deps) as uow:
            await uow.activity.reset_sent(str(event.dossier_id))


async def on_booking_recorded(conn: asyncpg.Connection, event: BookingRecorded, deps: Deps | None = None) -> None:
    """Count the proposals sent into the accounting software: +1 posted, -1 deleted (SYN-4 resets it)."""
    if event.dossier_id is not None and event.outcome == "succeeded":
        async with Deps.within(conn, deps) as uow:
            await uow.activity.add_sent(str(event.dossier_id), 1 if event.action == "posted" else -1)


async def on_ledger_synced(conn: asyncpg.Connection, event: LedgerSynced, deps: Deps | None = None) -> None:
    """Record sync runs, and move 'accounting updated up to' after a manual sync (ACT-1, SYN-3, SYN-4)."""
    if event.dossier_id is None:
        return
    run = event.sync  # the connector knows who must act (e.g. a wrong dossier code: the collaborator)
    async with Deps.within(conn, deps) as uow:  # in the inbox transaction of the event
        await uow.activity.synced(str(event.dossier_id), status=run.sync_status, error=event.error_reason,
                                  at=run.finished_at, reason=run.reason)
        if run.updated_up_to and run.reason != "nightly" and event.outcome == "succeeded":
            await _move_updated_up_to(uow, event, run.updated_up_to)


async def _move_updated_up_to(uow: UnitOfWork, event: LedgerSynced, updated_up_to: Any) -> None:
    office = await uow.offices.get(str(event.office_id))
    if office is None:
        return
    view = await uow.dossiers.load(str(event.dossier_id), office, full=False, for_update=True)
    if view is None or view.accounting_updated_up_to == updated_up_to:
        return
    await uow.dossiers.update(view.id, accounting_updated_up_to=updated_up_to)
    uow.dossier_changed(office, [view.id], "updated", None)


async def monitor(deps: Deps, caller: Caller, *, mine: bool = False, sort: str | None = None,
                  order: str | None = None) -> dict[str, Any]:
    """ACT-1: one row per dossier the caller may see; ``mine`` keeps their assigned and client-group dossiers."""
    caller.may("monitor.view")
    async with deps.uow() as uow:
        views = await visible(uow.dossiers, caller)
        known = await uow.activity.of_office(caller.office.id)
    rows = []
    for view in views:
        profile, access, only = access_of(caller, view)
        is_mine = access in ("assigned", "client_group")
        if mine and not is_mine:
            continue
        rows.append(row(summary(view, profile, access, only), known.get(view.id), is_mine))
    return {"columns": list(COLUMNS), "items": sort_rows(rows, sort, order)}
