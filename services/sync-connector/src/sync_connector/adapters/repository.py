"""Postgres state of the connector: its link and sync state of each dossier (beside the platform's dossier replica,
runtime.replica), snapshots, postings, runs."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import SyncRun

from sync_connector.domain.status import StatusVerdict

Conn = asyncpg.Connection | asyncpg.Pool


# the dossier as the handlers read it: the platform's replica (office, name, active, settings) and the connector's
# own link and sync state (dossier_links), one dict
_DOSSIER = ("SELECT p.office_id, p.name, p.active, p.settings, l.* FROM platform_dossiers p "
            "JOIN dossier_links l USING (dossier_id)")


async def apply_link(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """runtime.replica's projection hook: the connector's link of the dossier follows the snapshot's; a link to
    another software, installation or dossier code is found (activated) again; "updated up to" is office's when
    it says one."""
    link = event.dossier.accounting
    before = await conn.fetchrow("SELECT software, installation, dossier_code FROM dossier_links "
                                 "WHERE dossier_id = $1", event.dossier_id)
    relinked = before is not None and link is not None and tuple(before) != (
        link.software, link.installation, link.dossier_code)
    await conn.execute(
        "INSERT INTO dossier_links (dossier_id, software, installation, dossier_code, updated_up_to) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dossier_id) DO UPDATE SET software = $2, installation = $3, "
        "dossier_code = $4, updated_up_to = coalesce($5, dossier_links.updated_up_to), "
        "activated_at = CASE WHEN $6 THEN NULL ELSE dossier_links.activated_at END, updated_at = now()",
        event.dossier_id, link.software if link else None, link.installation if link else None,
        link.dossier_code if link else None, event.dossier.accounting_updated_up_to, relinked)


async def dossier(conn: Conn, dossier_id: UUID) -> dict[str, Any] | None:
    """The replicated dossier with the connector's link and sync state, or None when never heard of."""
    row = await conn.fetchrow(f"{_DOSSIER} WHERE dossier_id = $1", dossier_id)
    return dict(row) if row else None


async def mark_activated(conn: asyncpg.Connection, dossier_id: UUID) -> None:
    await conn.execute("UPDATE dossier_links SET activated_at = now() WHERE dossier_id = $1", dossier_id)


async def set_status(conn: Conn, dossier_id: UUID, verdict: StatusVerdict) -> str | None:
    """The dossier's new sync status; returns the one it had (None: no link known), read under the row's lock so
    two transactions changing it see each other's (ACT-3: one alert per incident). Leaving needs_support clears
    the support alert's mark."""
    return await conn.fetchval(
        "WITH before AS (SELECT dossier_id, sync_status FROM dossier_links WHERE dossier_id = $1 FOR UPDATE) "
        "UPDATE dossier_links l SET status_since = CASE WHEN l.sync_status = $2 THEN l.status_since ELSE now() END, "
        "sync_status = $2, instruction = $3, instruction_code = $4, instruction_params = $5, "
        "support_alerted_at = CASE WHEN $2 = 'needs_support' THEN l.support_alerted_at END "
        "FROM before WHERE l.dossier_id = before.dossier_id RETURNING before.sync_status",
        dossier_id, verdict.status, verdict.instruction, verdict.code, verdict.params)


async def status_counts(conn: Conn) -> dict[str, int]:
    """How many active dossiers (archived ones no longer sync) have each sync status; statuses none has are absent.
    One grouped scan of dossier_links: what the bf_sync_dossiers gauge shows."""
    rows = await conn.fetch("SELECT l.sync_status, count(*) AS n FROM dossier_links l "
                            "JOIN platform_dossiers p USING (dossier_id) WHERE p.active GROUP BY l.sync_status")
    return {r["sync_status"]: r["n"] for r in rows}


async def mark_alerted(conn: Conn, dossier_id: UUID) -> None:
    """ACT-3: the support team was alerted of the dossier's current incident."""
    await conn.execute("UPDATE dossier_links SET support_alerted_at = now() WHERE dossier_id = $1", dossier_id)


async def set_sync_marks(conn: asyncpg.Connection, dossier_id: UUID, updated_up_to: date | None,
                         active_period: str | None) -> None:
    await conn.execute("UPDATE dossier_links SET updated_up_to = coalesce($2, updated_up_to), "
                       "active_period = coalesce($3, active_period) WHERE dossier_id = $1",
                       dossier_id, updated_up_to, active_period)


async def snapshot(conn: Conn, dossier_id: UUID) -> dict[str, dict[str, str]]:
    rows = await conn.fetch("SELECT kind, key, hash FROM snapshots WHERE dossier_id = $1", dossier_id)
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        out.setdefault(r["kind"], {})[r["key"]] = r["hash"]
    return out


async def save_snapshot(conn: asyncpg.Connection, dossier_id: UUID, snap: dict[str, dict[str, str]],
                        kinds: tuple[str, ...]) -> None:
    """Replace the snapshot of these kinds with `snap`."""
    await conn.execute("DELETE FROM snapshots WHERE dossier_id = $1 AND kind = ANY($2::text[])", dossier_id,
                       list(kinds))
    rows = [(dossier_id, kind, key, digest) for kind in kinds for key, digest in snap.get(kind, {}).items()]
    if rows:
        await conn.copy_records_to_table("snapshots", records=rows, columns=["dossier_id", "kind", "key", "hash"])


async def remember(conn: asyncpg.Connection, dossier_id: UUID, kind: str, key: str, digest: str) -> None:
    await conn.execute("INSERT INTO snapshots VALUES ($1, $2, $3, $4) ON CONFLICT (dossier_id, kind, key) "
                       "DO UPDATE SET hash = $4", dossier_id, kind, key, digest)


async def forget(conn: asyncpg.Connection, dossier_id: UUID, kind: str, key: str) -> None:
    await conn.execute("DELETE FROM snapshots WHERE dossier_id = $1 AND kind = $2 AND key = $3", dossier_id, kind, key)


async def record_posting(conn: asyncpg.Connection, proposal_id: UUID, dossier_id: UUID, document_id: UUID | None,
                         state: str, booking_reference: str | None, error_reason: str | None) -> None:
    await conn.execute(
        "INSERT INTO postings VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (proposal_id) DO UPDATE SET "
        "state = $4, booking_reference = coalesce($5, postings.booking_reference), error_reason = $6, "
        "updated_at = now()", proposal_id, dossier_id, document_id, state, booking_reference, error_reason)


async def posting(conn: Conn, proposal_id: UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow("SELECT * FROM postings WHERE proposal_id = $1", proposal_id)
    return dict(row) if row else None


async def posted_reference(conn: asyncpg.Connection, dossier_id: UUID, document_id: UUID) -> str | None:
    """The software's reference of the document's posted booking (``invoice:<id>``, ...), or None."""
    return await conn.fetchval("SELECT booking_reference FROM postings WHERE dossier_id = $1 AND "
                               "document_id = $2 AND state = 'posted'", dossier_id, document_id)


async def record_run(conn: asyncpg.Connection, dossier_id: UUID, run: SyncRun, outcome: str,
                     error_reason: str | None, verdict: StatusVerdict | None = None) -> None:
    """A finished run; a failed one with its ``verdict``'s instruction code and values (issue 15)."""
    await conn.execute(
        "INSERT INTO sync_runs (run_id, dossier_id, reason, request_id, started_at, finished_at, outcome, "
        "error_reason, changes, sync_status, updated_up_to, active_period, instruction, instruction_code, "
        "instruction_params) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        run.run_id, dossier_id, run.reason, run.request_id, run.started_at, run.finished_at, outcome, error_reason,
        [c.model_dump(mode="json") for c in run.changes], run.sync_status, run.updated_up_to,
        run.active_period, run.instruction, verdict.code if verdict else None, verdict.params if verdict else {})


async def runs(conn: Conn, dossier_id: UUID, limit: int = 20) -> list[dict[str, Any]]:
    rows = await conn.fetch("SELECT * FROM sync_runs WHERE dossier_id = $1 ORDER BY started_at DESC LIMIT $2",
                            dossier_id, limit)
    return [dict(r) for r in rows]


async def due_for_nightly(conn: asyncpg.Connection, today: date, now: datetime, hour: int) -> list[dict[str, Any]]:
    """Claim the linked dossiers whose nightly sync (SYN-3, on unless switched off) is due today."""
    if now.hour < hour:
        return []
    rows = await conn.fetch(
        "UPDATE dossier_links l SET last_nightly = $1 FROM platform_dossiers p WHERE p.dossier_id = l.dossier_id "
        "AND l.activated_at IS NOT NULL AND p.active AND coalesce((p.settings->>'nightly_sync')::boolean, true) "
        "AND (l.last_nightly IS NULL OR l.last_nightly < $1) RETURNING l.dossier_id, p.office_id", today)
    return [dict(r) for r in rows]


async def sync_soon(conn: asyncpg.Connection, dossier_id: UUID, delay_s: float) -> None:
    """SYN-2: sync the dossier `delay_s` after its last posting (each posting pushes it back)."""
    await conn.execute("UPDATE dossier_links SET sync_due_at = now() + make_interval(secs => $2) "
                       "WHERE dossier_id = $1", dossier_id, delay_s)


async def claim_due_sync(conn: asyncpg.Connection) -> dict[str, Any] | None:
    """One dossier whose after-posting sync is due, claimed in the caller's transaction."""
    claimed = await conn.fetchval(
        "UPDATE dossier_links SET sync_due_at = NULL WHERE dossier_id = (SELECT dossier_id FROM dossier_links "
        "WHERE sync_due_at <= now() AND activated_at IS NOT NULL ORDER BY sync_due_at LIMIT 1 "
        "FOR UPDATE SKIP LOCKED) RETURNING dossier_id")
    return await dossier(conn, claimed) if claimed else None


async def monitor_rows(conn: Conn, office_id: UUID, dossier_ids: list[UUID] | None) -> list[dict[str, Any]]:
    """ACT-1: each dossier of the office (or of ``dossier_ids``) with its status and its last run, in one query."""
    rows = await conn.fetch(
        "SELECT d.dossier_id, d.settings, d.software, d.sync_status, d.instruction, d.instruction_code, "
        "d.instruction_params, d.status_since, d.support_alerted_at, "
        "r.finished_at AS last_run_at, r.outcome AS last_run_outcome "
        f"FROM ({_DOSSIER}) d "
        "LEFT JOIN LATERAL (SELECT finished_at, outcome FROM sync_runs WHERE dossier_id = d.dossier_id "
        "ORDER BY started_at DESC LIMIT 1) r ON true "
        "WHERE d.office_id = $1 AND ($2::uuid[] IS NULL OR d.dossier_id = ANY($2::uuid[])) ORDER BY d.dossier_id",
        office_id, dossier_ids)
    return [dict(r) for r in rows]
