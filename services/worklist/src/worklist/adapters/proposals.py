"""Postgres queries of proposals behind adapters/repositories.PgProposals: store, load, save with a version snapshot
(undo), lists and neighbours; and the read models of the monitor counters and the permanent dossier."""
from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg

from worklist.domain.listing import ListQuery
from worklist.domain.proposal import list_columns, snapshot

Conn = asyncpg.Connection | asyncpg.Pool
JSON_COLUMNS = ("content", "field_confidence", "reasons", "validated_by", "filed_by", "rejection_params",
                "e_invoice_check")
ORDER_COLUMNS = {"origin": "origin", "journal": "journal_code", "invoice_date": "invoice_date",
                 "period": "period_code", "invoice_number": "invoice_number", "counterparty": "lower(counterparty_name)",
                 "gross": "gross", "processed_at": "processed_at", "page_count": "page_count", "status": "status"}


def _decode(row: asyncpg.Record | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out = dict(row)
    for key in JSON_COLUMNS:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


def _column_values(content: Mapping[str, Any]) -> dict[str, Any]:
    cols = list_columns(content)
    if isinstance(cols["invoice_date"], str):
        cols["invoice_date"] = date.fromisoformat(cols["invoice_date"])
    return cols


async def insert(conn: asyncpg.Connection, row: Mapping[str, Any], *, replace_untouched: bool = True) -> bool:
    """Store a new proposal; an existing one is replaced only while nobody changed it (version 1, automatic status).

    Returns True when the row was written.
    """
    values = {**row, **_column_values(row["content"])}
    names = list(values)
    placeholders = ", ".join(f"${i}" for i in range(1, len(names) + 1))
    update = ", ".join(f"{n} = EXCLUDED.{n}" for n in names if n not in ("proposal_id", "created_at"))
    conflict = (f"DO UPDATE SET {update} WHERE proposals.version = 1 AND proposals.deleted_at IS NULL AND "
                "proposals.status IN ('technical_error','unrecognized','incomplete','complete',"
                "'complete_new_counterparty','to_file')") if replace_untouched else "DO NOTHING"
    status = await conn.execute(
        f"INSERT INTO proposals ({', '.join(names)}) VALUES ({placeholders}) ON CONFLICT (proposal_id) {conflict}",
        *[values[n] for n in names])
    return status.endswith(" 1")


async def get(conn: Conn, dossier_id: UUID, proposal_id: UUID, *, lock: bool = False) -> dict[str, Any] | None:
    """A live proposal of the dossier (FOR UPDATE when lock), or None."""
    sql = "SELECT * FROM proposals WHERE proposal_id = $1 AND dossier_id = $2 AND deleted_at IS NULL"
    return _decode(await conn.fetchrow(sql + (" FOR UPDATE" if lock else ""), proposal_id, dossier_id))


async def get_any(conn: Conn, proposal_id: UUID, *, lock: bool = False) -> dict[str, Any] | None:
    """A proposal by id whatever its dossier (for events), deleted ones included."""
    sql = "SELECT * FROM proposals WHERE proposal_id = $1"
    return _decode(await conn.fetchrow(sql + (" FOR UPDATE" if lock else ""), proposal_id))


async def update(conn: asyncpg.Connection, before: Mapping[str, Any], changes: Mapping[str, Any], *,
                 action: str | None = None, actor: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Write changes to a locked proposal and bump its version; with an action, keep the snapshot for undo."""
    if action is not None:
        await conn.execute(
            "INSERT INTO proposal_versions (proposal_id, version, action, snapshot, changed_by) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (proposal_id, version) DO NOTHING",
            before["proposal_id"], before["version"], action, _jsonable(snapshot(before)), actor)
    values = dict(changes)
    if "content" in values:
        values.update(_column_values(values["content"]))
    names = list(values)
    sets = ", ".join(f"{n} = ${i}" for i, n in enumerate(names, start=2))
    row = await conn.fetchrow(
        f"UPDATE proposals SET {sets}{', ' if sets else ''}version = version + 1, updated_at = now() "
        "WHERE proposal_id = $1 RETURNING *", before["proposal_id"], *[values[n] for n in names])
    return _decode(row)  # type: ignore[return-value]


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


async def drop_version(conn: asyncpg.Connection, proposal_id: UUID, version: int) -> None:
    await conn.execute("DELETE FROM proposal_versions WHERE proposal_id = $1 AND version = $2", proposal_id, version)


def _where(dossier_id: UUID, query: ListQuery, *, by_status: bool = True) -> tuple[str, list[Any]]:
    args: list[Any] = [dossier_id, query.mailbox]
    clauses = ["dossier_id = $1", "mailbox = $2", "deleted_at IS NULL"]

    def add(sql: str, value: Any) -> None:
        args.append(value)
        clauses.append(sql.format(f"${len(args)}"))

    if query.q:
        add("search LIKE {}", "%" + query.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    for sql, value in (("journal_code = {}", query.journal), ("period_code = {}", query.period),
                       ("origin = {}", query.origin), ("counterparty_status = {}", query.counterparty_status),
                       ("invoice_date >= {}", query.date_from), ("invoice_date <= {}", query.date_to),
                       ("gross >= {}", query.min_gross), ("gross <= {}", query.max_gross),
                       ("misc_type = {}", query.misc_type)):
        if value is not None:
            add(sql, value)
    if by_status:
        add("status = ANY({}::text[])", list(query.statuses))
    if query.help:
        clauses.append("help_needed")
    if query.duplicate:
        clauses.append("duplicate")
    return " AND ".join(clauses), args


def _order(query: ListQuery) -> str:
    if query.sort is None:
        return "processed_at DESC, proposal_id DESC"
    direction = "DESC" if query.descending else "ASC"
    return f"{ORDER_COLUMNS[query.sort]} {direction} NULLS LAST, proposal_id {direction}"


async def page(conn: Conn, dossier_id: UUID, query: ListQuery) -> tuple[list[dict[str, Any]], int, dict[str, int]]:
    """One page of the list, the number of matching proposals, and the counts per status (all statuses, same filters)."""
    where, args = _where(dossier_id, query)
    offset = (query.page - 1) * query.per_page
    # the page's ids first (narrow rows to sort), then their full rows in that order
    rows = await conn.fetch(
        f"SELECT p.* FROM (SELECT proposal_id, row_number() OVER () AS n FROM (SELECT proposal_id FROM proposals "
        f"WHERE {where} ORDER BY {_order(query)} LIMIT {query.per_page} OFFSET {offset}) ids) page "
        f"JOIN proposals p USING (proposal_id) ORDER BY page.n", *args)
    count_where, count_args = _where(dossier_id, query, by_status=False)
    counts = {r["status"]: r["n"] for r in await conn.fetch(
        f"SELECT status, count(*) AS n FROM proposals WHERE {count_where} GROUP BY status", *count_args)}
    total = sum(n for s, n in counts.items() if s in query.statuses)
    return [_decode(r) for r in rows], total, counts  # type: ignore[misc]


async def neighbours(conn: Conn, dossier_id: UUID, query: ListQuery, proposal_id: UUID) -> dict[str, Any]:
    """The ids before and after a proposal in the list's order, its position and the list's size."""
    where, args = _where(dossier_id, query)
    args.append(proposal_id)
    row = await conn.fetchrow(
        f"SELECT prev, next, position, total FROM (SELECT proposal_id, "
        f"lag(proposal_id) OVER w AS prev, lead(proposal_id) OVER w AS next, row_number() OVER w AS position, "
        f"count(*) OVER () AS total FROM proposals WHERE {where} WINDOW w AS (ORDER BY {_order(query)})) ranked "
        f"WHERE proposal_id = ${len(args)}", *args)
    if row is None:
        total = await conn.fetchval(f"SELECT count(*) FROM proposals WHERE {where}", *args[:-1])
        return {"previous_id": None, "next_id": None, "position": None, "total": total}
    return {"previous_id": row["prev"], "next_id": row["next"], "position": row["position"], "total": row["total"]}


async def counters(conn: Conn, dossier_ids: list[UUID]) -> dict[UUID, dict[str, Any]]:
    """ACT-1 counters per dossier: help requests, ready for validation, to send, rejected, misc to do."""
    rows = await conn.fetch(
        "SELECT dossier_id, count(*) FILTER (WHERE help_needed) AS help_requests, "
        "count(*) FILTER (WHERE status IN ('complete', 'complete_new_counterparty')) AS ready_for_validation, "
        "count(*) FILTER (WHERE status IN ('checked', 'validated')) AS to_send, "
        "count(*) FILTER (WHERE status = 'rejected') AS rejected, "
        "count(*) FILTER (WHERE status = 'to_file') AS misc_to_do, max(processed_at) AS last_proposal_at "
        "FROM proposals WHERE dossier_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY dossier_id", dossier_ids)
    return {r["dossier_id"]: dict(r) for r in rows}


async def insert_many(conn: asyncpg.Connection, rows: list[Mapping[str, Any]]) -> None:
    """Store many new proposals at once (seeding, benchmarks); existing ids are left alone."""
    if not rows:
        return
    values = [{**row, **_column_values(row["content"])} for row in rows]
    names = list(values[0])
    placeholders = ", ".join(f"${i}" for i in range(1, len(names) + 1))
    await conn.executemany(f"INSERT INTO proposals ({', '.join(names)}) VALUES ({placeholders}) "
                           "ON CONFLICT (proposal_id) DO NOTHING", [[v[n] for n in names] for v in values])


async def permanent_dossier(conn: Conn, dossier_id: UUID, misc_type: str | None) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Filed misc documents of the dossier (one type or all), newest first, and the count per type (WL-12)."""
    rows = await conn.fetch(
        "SELECT p.proposal_id, p.document_id, p.misc_type, p.filed_at, p.filed_by, p.note, d.filename, d.content_type "
        "FROM proposals p LEFT JOIN documents d USING (document_id) WHERE p.dossier_id = $1 AND p.status = 'filed' "
        "AND p.deleted_at IS NULL AND ($2::text IS NULL OR p.misc_type = $2) ORDER BY p.filed_at DESC, p.proposal_id",
        dossier_id, misc_type)
    counts = {r["misc_type"]: r["n"] for r in await conn.fetch(
        "SELECT misc_type, count(*) AS n FROM proposals WHERE dossier_id = $1 AND status = 'filed' "
        "AND deleted_at IS NULL GROUP BY misc_type ORDER BY misc_type", dossier_id)}
    return [_decode(r) for r in rows], counts  # type: ignore[misc]
