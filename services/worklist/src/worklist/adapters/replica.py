"""Postgres replicas: the dossiers (dossier.changed) and the accounting software's master data (ledger.synced)."""
from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import MasterData

from worklist.domain.choices import Choices

SETTINGS = {"validation_mode", "direct_booking", "extra_accounts", "journals", "office_schema",
            "permanent_dossier_types", "language", "portal_scope", "payment_module", "financial_tab",
            "hide_financial_data"}
KEYED = {"accounts": "code", "journals": "code", "periods": "code", "vat_codes": "code", "counterparties": "reference"}


async def apply_dossier(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Replace what the worklist holds of the dossier with the event's snapshot."""
    snap = event.dossier
    settings = snap.settings.model_dump(mode="json", include=SETTINGS)
    users = [u.model_dump(mode="json") for u in snap.users]
    assignments = [a.model_dump(mode="json") for a in snap.assignments]
    await conn.execute(
        "INSERT INTO dossiers (dossier_id, office_id, name, active, settings, users, assignments, updated_at) "
        "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7::text::jsonb, now()) "
        "ON CONFLICT (dossier_id) DO UPDATE SET office_id = $2, name = $3, active = $4, settings = $5::text::jsonb, "
        "users = $6::text::jsonb, assignments = $7::text::jsonb, updated_at = now()",
        event.dossier_id, event.office_id, snap.name, snap.active and snap.status != "archived",
        json.dumps(settings), json.dumps(users), json.dumps(assignments))


def _decode(row: asyncpg.Record | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out = dict(row)
    for key in ("settings", "users", "assignments"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


async def dossier(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> dict[str, Any] | None:
    """The replicated dossier, or None when the worklist never heard of it."""
    return _decode(await conn.fetchrow("SELECT * FROM dossiers WHERE dossier_id = $1", dossier_id))


async def office_dossiers(conn: asyncpg.Connection | asyncpg.Pool, office_id: UUID) -> list[dict[str, Any]]:
    """Every dossier of an office in the replica."""
    rows = await conn.fetch("SELECT dossier_id, office_id, settings FROM dossiers WHERE office_id = $1", office_id)
    return [_decode(r) for r in rows]  # type: ignore[misc]


def _search_text(kind: str, data: dict[str, Any]) -> str:
    if kind != "counterparties":
        return ""
    return " ".join(str(v).lower() for v in (data.get("name"), data.get("vat_number"), data.get("enterprise_number")) if v)


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


async def choices(conn: Any, dossier: dict[str, Any], counterparty_refs: list[str] = (), *,
                  suspense_prefixes: tuple[str, ...] = ("499",)) -> Choices:
    """The Choices of a dossier: master data, plus the settings' extra accounts and journals."""
    dossier_id = dossier["dossier_id"]
    settings = dossier.get("settings") or {}
    journals = {code: {"code": code, "type": j.get("type"), "name": j.get("name")}
                for code, j in (await _records(conn, dossier_id, "journals")).items() if j.get("active", True)}
    for setting in settings.get("journals") or ():
        if setting.get("active", True):
            journals.setdefault(setting["alias"], {"code": setting["alias"], "type": setting["type"],
                                                   "name": setting.get("description")})
    return Choices(
        accounts={k: v for k, v in (await _records(conn, dossier_id, "accounts")).items() if v.get("active", True)},
        extra_accounts=frozenset(settings.get("extra_accounts") or ()),
        journals=journals,
        periods=await _records(conn, dossier_id, "periods"),
        vat_codes={k: v for k, v in (await _records(conn, dossier_id, "vat_codes")).items() if v.get("active", True)},
        counterparties=await _records(conn, dossier_id, "counterparties", list(counterparty_refs)),
        suspense_prefixes=suspense_prefixes,
    )


async def search_counterparties(conn: Any, dossier_id: UUID, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Counterparties whose name, VAT or enterprise number contains the text (WL-7)."""
    needle = "%" + q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = await conn.fetch("SELECT data FROM master_records WHERE dossier_id = $1 AND kind = 'counterparties' "
                            "AND search LIKE $2 ORDER BY data->>'name' LIMIT $3", dossier_id, needle, limit)
    return [json.loads(r["data"]) if isinstance(r["data"], str) else r["data"] for r in rows]
