"""Postgres of SYN-8: the journals made at activation and the account changes waiting for the office's review."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any
from uuid import UUID

import asyncpg

from sync_connector.domain.account_review import AccountChange
from sync_connector.domain.journals import JournalOutcome

Conn = asyncpg.Connection | asyncpg.Pool
CHANGE_FIELDS = "change_id, code, change, name, account_kind, found_at, run_id"


async def record_journals(conn: Conn, dossier_id: UUID, outcomes: Iterable[JournalOutcome]) -> None:
    """What activation did with each journal template; a template recorded before keeps its first outcome (a second
    activation finds the journals it created)."""
    await conn.executemany(
        "INSERT INTO activation_journals (dossier_id, code, name, kind, outcome) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (dossier_id, code) DO NOTHING",
        [(dossier_id, o.code, o.name, o.kind, o.outcome) for o in outcomes])


async def journals(conn: Conn, dossier_id: UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch("SELECT code, name, kind, outcome, recorded_at FROM activation_journals "
                            "WHERE dossier_id = $1 ORDER BY code", dossier_id)
    return [dict(r) for r in rows]


async def flag(conn: Conn, dossier_id: UUID, run_id: UUID | None, changes: Iterable[AccountChange]) -> None:
    """Each change waits for review; an account already waiting takes the newer change."""
    await conn.executemany(
        "INSERT INTO account_changes (change_id, dossier_id, run_id, code, change, name, account_kind) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dossier_id, code) WHERE accepted_at IS NULL DO UPDATE "
        "SET run_id = $3, change = $5, name = $6, account_kind = $7, found_at = now()",
        [(uuid.uuid4(), dossier_id, run_id, c.code, c.change, c.name, c.kind) for c in changes])


async def pending(conn: Conn, dossier_id: UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch(f"SELECT {CHANGE_FIELDS} FROM account_changes WHERE dossier_id = $1 "
                            "AND accepted_at IS NULL ORDER BY code", dossier_id)
    return [dict(r) for r in rows]


async def accept(conn: Conn, dossier_id: UUID, change_ids: list[UUID], by: UUID | None) -> list[UUID]:
    """Accept these pending changes of the dossier; returns those accepted (others were not pending here)."""
    rows = await conn.fetch("UPDATE account_changes SET accepted_at = now(), accepted_by = $3 WHERE dossier_id = $1 "
                            "AND change_id = ANY($2::uuid[]) AND accepted_at IS NULL RETURNING change_id",
                            dossier_id, change_ids, by)
    return [r["change_id"] for r in rows]
