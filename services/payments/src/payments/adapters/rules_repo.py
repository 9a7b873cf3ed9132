"""Approval rules and the dossier's approval switch in Postgres (PAY-8)."""
from __future__ import annotations

from uuid import UUID

import asyncpg

from payments.domain.approval import ApprovalRule


def _rule(row: asyncpg.Record) -> ApprovalRule:
    return ApprovalRule(row["id"], row["dossier_id"], row["name"], frozenset(row["user_ids"]), row["max_amount"])


async def get(conn: asyncpg.Connection, dossier_id: UUID, rule_id: UUID) -> ApprovalRule | None:
    row = await conn.fetchrow("SELECT id, dossier_id, name, user_ids, max_amount FROM approval_rules "
                              "WHERE dossier_id = $1 AND id = $2 AND NOT deleted", dossier_id, rule_id)
    return None if row is None else _rule(row)


async def listing(conn: asyncpg.Connection, dossier_id: UUID) -> list[ApprovalRule]:
    rows = await conn.fetch("SELECT id, dossier_id, name, user_ids, max_amount FROM approval_rules "
                            "WHERE dossier_id = $1 AND NOT deleted ORDER BY created_at, id", dossier_id)
    return [_rule(r) for r in rows]


async def upsert(conn: asyncpg.Connection, rule: ApprovalRule) -> None:
    await conn.execute(
        "INSERT INTO approval_rules (id, dossier_id, name, user_ids, max_amount) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_ids = EXCLUDED.user_ids, "
        "max_amount = EXCLUDED.max_amount, updated_at = now()",
        rule.id, rule.dossier_id, rule.name, sorted(rule.user_ids), rule.max_amount)


async def delete(conn: asyncpg.Connection, dossier_id: UUID, rule_id: UUID) -> bool:
    """Retire the rule (kept for the payments approved under it); False when there was none."""
    result = await conn.execute("UPDATE approval_rules SET deleted = true, updated_at = now() "
                                "WHERE dossier_id = $1 AND id = $2 AND NOT deleted", dossier_id, rule_id)
    return result.endswith(" 1")


async def approval_required(conn: asyncpg.Connection, dossier_id: UUID) -> bool:
    return bool(await conn.fetchval("SELECT required FROM approval_settings WHERE dossier_id = $1", dossier_id))


async def set_approval_required(conn: asyncpg.Connection, dossier_id: UUID, required: bool, by: UUID) -> None:
    await conn.execute("INSERT INTO approval_settings (dossier_id, required, updated_by) VALUES ($1, $2, $3) "
                       "ON CONFLICT (dossier_id) DO UPDATE SET required = EXCLUDED.required, "
                       "updated_by = EXCLUDED.updated_by, updated_at = now()", dossier_id, required, by)


async def lock_dossier(conn: asyncpg.Connection, dossier_id: UUID) -> None:
    """Serialise approval requests and the approval switch of one dossier (until the transaction ends)."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))", str(dossier_id))
