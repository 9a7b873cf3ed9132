"""Sync runs: activation (SYN-7), manual (SYN-4), nightly (SYN-3) and full (SYN-5) syncs publish on
ledger.synced what changed in the accounting software (SYN-1)."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any
from uuid import uuid4

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import LedgerSynced, SyncRequested, SyncRun
from contracts.events.notifications import NotificationRequested, Recipient
from runtime import replica
from runtime.outbox import enqueue

from sync_connector.adapters import repository as repo
from sync_connector.adapters import reviews
from sync_connector.domain.account_review import account_changes
from sync_connector.domain.changes import KINDS, diff, parts
from sync_connector.domain.errors import DossierNotFound, SoftwareRejected, SoftwareUnavailable, UnknownSoftware
from sync_connector.domain.journals import templates
from sync_connector.domain.status import OK, after_rejection
from sync_connector.entrypoints.metrics import SYNC_RUNS
from sync_connector.handlers.alerts import update_status
from sync_connector.handlers.context import SOURCE, Deps, note_unavailable, publish

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def run_sync(deps: Deps, conn: asyncpg.Connection, dossier: dict[str, Any], *, reason: str,
                   correlation_id: str, request: SyncRequested | None = None) -> SyncRun:
    """Read the dossier in its software, publish what changed, record the run and the status."""
    started, dossier_id = _now(), dossier["dossier_id"]
    if dossier["activated_at"] is None:  # not found yet (e.g. a wrong dossier code, fixed since): try again
        reason = "activation"
    code = dossier["dossier_code"]
    full = reason in ("full", "activation")
    try:
        adapter = deps.adapters.get(dossier["software"], dossier["installation"])
    except UnknownSoftware as exc:
        return await _failed(deps, conn, dossier, reason, request, started, correlation_id, "UnknownSoftware",
                             str(exc), dossier["software"])
    journals: list = []
    try:
        if reason == "activation":
            await adapter.find_dossier(code)
            journals = await adapter.ensure_journals(code, templates(dossier["settings"]))  # SYN-8
        if request is not None and request.new_active_period:
            closed = await adapter.close_periods_before(code, request.new_active_period)
            log.info("dossier %s: periods closed before %s: %s", dossier_id, request.new_active_period, closed)
        current = await adapter.read_master_data(code)
    except SoftwareUnavailable as exc:
        await note_unavailable(deps, dossier_id, dossier["installation"], str(exc))
        raise
    except (SoftwareRejected, DossierNotFound) as exc:
        kind = getattr(exc, "kind", type(exc).__name__)
        return await _failed(deps, conn, dossier, reason, request, started, correlation_id, kind, str(exc), adapter.name)
    published = await repo.snapshot(conn, dossier_id)
    changes = diff(current, published, full=full)
    updated_up_to = request.updated_up_to if request is not None and request.reason == "manual" else None
    active_period = request.new_active_period if request is not None else None
    run = SyncRun(run_id=uuid4(), reason=reason, request_id=request.event_id if request else None,
                  started_at=started, finished_at=_now(), updated_up_to=updated_up_to or dossier["updated_up_to"],
                  active_period=active_period or dossier["active_period"], changes=changes.summary(), sync_status="ok",
                  sent_counter_reset=bool(request is not None and request.reason == "manual"
                                          and request.reset_sent_counter))
    for part in parts(changes, deps.settings.sync_part_size):
        await publish(deps, conn, LedgerSynced(
            correlation_id=correlation_id, office_id=dossier["office_id"], dossier_id=dossier_id,
            accounting_software=adapter.name, sync=run, master_data=part))
    await repo.save_snapshot(conn, dossier_id, changes.snapshot, KINDS)
    await reviews.record_journals(conn, dossier_id, journals)
    if reason != "activation":  # SYN-8: the accounts the software changed since, for the office to accept
        found = account_changes(current.accounts, published.get("accounts", {}))
        await reviews.flag(conn, dossier_id, run.run_id, found)
    await repo.record_run(conn, dossier_id, run, "succeeded", None)
    SYNC_RUNS.labels(reason=reason, outcome="succeeded").inc()
    await update_status(conn, dossier_id, OK, correlation_id)
    await repo.set_sync_marks(conn, dossier_id, updated_up_to, active_period)
    if reason == "activation":
        await repo.mark_activated(conn, dossier_id)
    if request is not None and request.notify_client:
        await _notify_client(conn, dossier, run, correlation_id)
    return run


async def _failed(deps: Deps, conn: asyncpg.Connection, dossier: dict, reason: str, request: SyncRequested | None,
                  started: datetime, correlation_id: str, kind: str, why: str, software: str) -> SyncRun:
    verdict = after_rejection(kind, why)
    run = SyncRun(run_id=uuid4(), reason=reason, request_id=request.event_id if request else None,
                  started_at=started, finished_at=_now(), updated_up_to=dossier["updated_up_to"],
                  active_period=dossier["active_period"], sync_status=verdict.status, instruction=verdict.instruction)
    await publish(deps, conn, LedgerSynced(
        correlation_id=correlation_id, office_id=dossier["office_id"], dossier_id=dossier["dossier_id"],
        outcome="failed", error_reason=why, error_code=kind, accounting_software=software, sync=run))
    await repo.record_run(conn, dossier["dossier_id"], run, "failed", why, verdict)
    SYNC_RUNS.labels(reason=reason, outcome="failed").inc()
    await update_status(conn, dossier["dossier_id"], verdict, correlation_id)
    return run


async def _notify_client(conn: asyncpg.Connection, dossier: dict, run: SyncRun, correlation_id: str) -> None:
    """SYN-4: the standard 'dossier updated' message to the dossier's full-access client users."""
    await enqueue(conn, NotificationRequested(
        correlation_id=correlation_id, office_id=dossier["office_id"], dossier_id=dossier["dossier_id"],
        template="dossier.updated", recipient=Recipient(name=dossier["name"]), audience="dossier_full_access",
        language=dossier["settings"].get("language", "nl"),
        params={"dossier": dossier["name"],
                "updated_up_to": run.updated_up_to.isoformat() if run.updated_up_to else ""}), source=SOURCE)


async def on_sync_requested(conn: asyncpg.Connection, event: SyncRequested, deps: Deps) -> None:
    """SYN-3..5: a manual, nightly or full sync of a linked dossier."""
    dossier = await repo.dossier(conn, event.dossier_id) if event.dossier_id else None
    if dossier is None or not dossier["software"]:
        log.warning("sync.requested %s for a dossier without accounting link: ignored", event.event_id)
        return
    await run_sync(deps, conn, dossier, reason=event.reason, correlation_id=event.correlation_id, request=event)


_PROJECTION = replica.projection(repo.apply_link)  # the platform's replica, then the connector's link (one transaction)


async def on_dossier_changed(conn: asyncpg.Connection, event: DossierChanged, deps: Deps) -> None:
    """Keep the replica and the link; on activation (SYN-7) find the dossier in its software and import it."""
    if event.dossier_id is None:
        return
    await _PROJECTION(conn, event)
    dossier = await repo.dossier(conn, event.dossier_id)
    if dossier is None or not dossier["software"] or not dossier["active"]:
        return
    if event.change == "activated" or (dossier["activated_at"] is None and event.dossier.status == "active"):
        await run_sync(deps, conn, dossier, reason="activation", correlation_id=event.correlation_id)
