"""Postgres replicas: the dossiers (the platform's, runtime.replica) and the accounting software's master data
(ledger.synced)."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.ledger import MasterData
from runtime import replica as dossiers

from worklist.domain.choices import MASTER_KINDS, Choices, choices_of, counterparty_search_text

KEYED = MASTER_KINDS


async def dossier(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> dict[str, Any] | None:
    """The replicated dossier (runtime.replica) with its client users as dossier.changed carried them (ids as
    text), or None when the worklist never heard of it."""
    found = await dossiers.dossier(conn, dossier_id)
    if found is not None:
        found["users"] = [{**u, "user_id": str(u["user_id"])} for u in await dossiers.users(conn, dossier_id)]
    return found


def _search_text(kind: str, data: dict[str, Any]) -> str:
    return counterparty_search_text(data) if kind == "counterparties" else ""


async def apply_master_data(conn: asyncpg.Connection, dossier_id: UUID, master: MasterData) -> None:
    """Upsert the records a sync or posting carried; remove those it says were deleted."""
    rows = []
    for kind, key in KEYED.items():
        for record in getattr(master, kind):
            data = record.model_dump(mode="json")
            rows.append((dossier_id, kind, data[key], json.dumps(data), _search_text(kind, data)))
    if rows:
        await conn.executemany(
            "INSERT INTO master_records (dossier_id, kind, key, data, search) VALUES ($1, $2, $3, $4::text::jsonb, $5) "
            "ON CONFLICT (dossier_id, kind, key) DO UPDATE SET data = EXCLUDED.data, search = EXCLUDED.search", rows)
    gone = [(dossier_id, d.kind, d.reference) for d in master.deleted if d.kind in KEYED]
    if gone:
        await conn.executemany("DELETE FROM master_records WHERE dossier_id = $1 AND kind = $2 AND key = $3", gone)


async def _records(conn: Any, dossier_id: UUID, kind: str, keys: list[str] | None = None) -> dict[str, dict[str, Any]]:
    if keys is None:
        rows = await conn.fetch("SELECT key, data FROM master_records WHERE dossier_id = $1 AND kind = $2",
                                dossier_id, kind)
    else:
        rows = await conn.fetch("SELECT key, data FROM master_records WHERE dossier_id = $1 AND kind = $2 "
                                "AND key = ANY($3::text[])", dossier_id, kind, keys)
    return {r["key"]: json.loads(r["data"]) if isinstance(r["data"], str) else r["data"] for r in rows}


async def choices(conn: Any, dossier: Mapping[str, Any], counterparty_refs: Sequence[str] = (), *,
                  suspense_prefixes: tuple[str, ...] = ("499",)) -> Choices:
    """The Choices of a dossier: master data, plus the settings' extra accounts and journals."""
    dossier_id = dossier["dossier_id"]
    records = {kind: await _records(conn, dossier_id, kind) for kind in KEYED if kind != "counterparties"}
    records["counterparties"] = await _records(conn, dossier_id, "counterparties", list(counterparty_refs))
    return choices_of(dossier.get("settings") or {}, records, suspense_prefixes=suspense_prefixes)


async def search_counterparties(conn: Any, dossier_id: UUID, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Counterparties whose name, VAT or enterprise number contains the text (WL-7)."""
    needle = "%" + q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = await conn.fetch("SELECT data FROM master_records WHERE dossier_id = $1 AND kind = 'counterparties' "
                            "AND search LIKE $2 ORDER BY data->>'name' LIMIT $3", dossier_id, needle, limit)
    return [json.loads(r["data"]) if isinstance(r["data"], str) else r["data"] for r in rows]
