"""Reads of the ledger replica as domain values: entries, open items, closing facts, names."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg

from reporting.domain.figures import Closing, Period
from reporting.domain.ledger import Entry, Item, Line


def _entry(row: asyncpg.Record) -> Entry:
    lines = tuple(Line(ln["account"], Decimal(ln.get("debit") or "0"), Decimal(ln.get("credit") or "0"),
                       ln.get("vat_code")) for ln in row["lines"])
    return Entry(row["reference"], row["journal_type"], row["period_code"], row["booking_date"], lines,
                 row["counterparty_reference"], row["external_id"])


async def entries(pool: asyncpg.Pool, dossier_id: UUID, start: date | None = None,
                  end: date | None = None) -> list[Entry]:
    """The dossier's entries booked between start and end (inclusive, either open)."""
    rows = await pool.fetch(
        "SELECT reference, journal_type, period_code, booking_date, lines, counterparty_reference, external_id "
        "FROM entries WHERE dossier_id = $1 AND ($2::date IS NULL OR booking_date >= $2) "
        "AND ($3::date IS NULL OR booking_date <= $3) ORDER BY booking_date, reference", dossier_id, start, end)
    return [_entry(r) for r in rows]


async def monthly(pool: asyncpg.Pool, dossier_id: UUID, start: date | None = None,
                  end: date | None = None) -> list[Entry]:
    """The months from ``start`` to ``end`` (their first days, inclusive, either open) as one entry per month and
    period holding the month's total per account and how many entries we posted: what the replica keeps
    incrementally (migration 0002), so a year's figures add up a few hundred rows instead of every entry."""
    rows = await pool.fetch(
        "SELECT month, period_code, account, debit, credit FROM ledger_month_accounts WHERE dossier_id = $1 "
        "AND ($2::date IS NULL OR month >= $2) AND ($3::date IS NULL OR month <= $3) AND (debit <> 0 OR credit <> 0)",
        dossier_id, start, end)
    posted = await pool.fetch(
        "SELECT month, period_code, documents FROM ledger_month_documents WHERE dossier_id = $1 "
        "AND ($2::date IS NULL OR month >= $2) AND ($3::date IS NULL OR month <= $3) AND documents <> 0",
        dossier_id, start, end)
    lines: dict[tuple[date, str], list[Line]] = {}
    for r in rows:
        lines.setdefault((r["month"], r["period_code"]), []).append(Line(r["account"], r["debit"], r["credit"]))
    counts = {(r["month"], r["period_code"]): r["documents"] for r in posted}
    keys = sorted(set(lines) | set(counts))
    return [Entry(f"month:{m}:{p}", "", p, m, tuple(lines.get((m, p), ())), documents=counts.get((m, p), 0))
            for m, p in keys]


async def party_months(pool: asyncpg.Pool, dossier_id: UUID, months: list[date], limit: int) -> list[Entry]:
    """The ``limit`` counterparties with the most turnover (70) and those with the most charges (60-64) over the
    given months (their first days), ranked in SQL from the month totals kept like ``monthly``: one entry each,
    whose line 70 is its turnover and line 60 its charges."""
    rows = await pool.fetch(
        "WITH t AS (SELECT counterparty, sum(turnover) AS turnover, sum(charges) AS charges FROM ledger_month_parties "
        "WHERE dossier_id = $1 AND month = ANY($2::date[]) GROUP BY counterparty) "
        "(SELECT * FROM t WHERE turnover <> 0 ORDER BY turnover DESC, counterparty LIMIT $3) UNION "
        "(SELECT * FROM t WHERE charges <> 0 ORDER BY charges DESC, counterparty LIMIT $3)", dossier_id, months, limit)
    first = min(months) if months else date.today()
    return [Entry(f"party:{r['counterparty']}", "", "", first,
                  (Line("70", Decimal(0), r["turnover"] or Decimal(0)), Line("60", r["charges"] or Decimal(0))),
                  r["counterparty"]) for r in rows]


async def summed(pool: asyncpg.Pool, dossier_id: UUID, start: date, end: date) -> list[Entry]:
    """The entries booked from ``start`` to ``end`` (one month at most: the part of a month the totals cannot
    cut) added up per account in SQL, as one entry dated ``start``."""
    rows = await pool.fetch(
        "SELECT l->>'account' AS account, sum(coalesce((l->>'debit')::numeric, 0)) AS debit, "
        "sum(coalesce((l->>'credit')::numeric, 0)) AS credit FROM entries e, jsonb_array_elements(e.lines) l "
        "WHERE e.dossier_id = $1 AND e.booking_date >= $2 AND e.booking_date <= $3 AND l->>'account' IS NOT NULL "
        "GROUP BY 1", dossier_id, start, end)
    lines = tuple(Line(r["account"], r["debit"], r["credit"]) for r in rows)
    return [Entry(f"days:{start}:{end}", "", f"{start:%Y-%m}", start, lines)] if lines else []


async def open_totals(pool: asyncpg.Pool, dossier_id: UUID) -> list[Item]:
    """The open items summed per kind (one item each), for the balances: none when the software sent none."""
    rows = await pool.fetch("SELECT kind, sum(amount) AS amount, sum(greatest(amount_open, 0)) AS amount_open "
                            "FROM open_items WHERE dossier_id = $1 GROUP BY kind", dossier_id)
    return [Item(f"total:{r['kind']}", r["kind"], r["amount"], r["amount_open"]) for r in rows]


async def bank_movements(pool: asyncpg.Pool, dossier_id: UUID) -> Decimal:
    """REP-6 cash: the sum of the bank statements' lines the accounting software holds (money in positive)."""
    return await pool.fetchval("SELECT coalesce(sum(amount), 0) FROM bank_transactions WHERE dossier_id = $1",
                               dossier_id)


async def drill(pool: asyncpg.Pool, dossier_id: UUID, start: date | None, end: date | None,
                counterparty: str | None, period: str | None) -> list[dict[str, Any]]:
    """The dossier's entries in a date range or period, of a counterparty, as rows with their lines, counterparty
    name and archived document (REP-2 drill-down)."""
    rows = await pool.fetch(
        "SELECT e.reference, e.booking_date, e.period_code, e.journal_code, e.counterparty_reference, "
        "c.name AS counterparty_name, e.invoice_number, e.document_id, e.total, e.lines FROM entries e "
        "LEFT JOIN counterparties c ON c.dossier_id = e.dossier_id AND c.reference = e.counterparty_reference "
        "WHERE e.dossier_id = $1 AND ($2::date IS NULL OR e.booking_date >= $2) "
        "AND ($3::date IS NULL OR e.booking_date <= $3) AND ($4::text IS NULL OR e.counterparty_reference = $4) "
        "AND ($5::text IS NULL OR e.period_code = $5) ORDER BY e.booking_date, e.reference",
        dossier_id, start, end, counterparty, period)
    return [dict(r) for r in rows]


async def closing(pool: asyncpg.Pool, dossier_id: UUID) -> tuple[Closing, dict[str, Any]]:
    """What decides provisional months (setting, updated-up-to, periods) and the dossier's settings.

    "Accounting updated up to" is office's (DOS-1) when set, else the last sync run's."""
    row = await pool.fetchrow(
        "SELECT d.settings, COALESCE(d.accounting_updated_up_to, s.updated_up_to) AS up_to FROM platform_dossiers d "
        "LEFT JOIN sync_state s USING (dossier_id) WHERE d.dossier_id = $1", dossier_id)
    settings = (row["settings"] if row else None) or {}
    periods = await pool.fetch("SELECT start_date, end_date, state FROM periods WHERE dossier_id = $1", dossier_id)
    found = Closing(bool(settings.get("key_figures_closed_periods_only")), row["up_to"] if row else None,
                    tuple(Period(p["start_date"], p["end_date"], p["state"]) for p in periods))
    return found, settings


async def names(pool: asyncpg.Pool, dossier_id: UUID, table: str) -> dict[str, str]:
    """reference -> name of the dossier's accounts or counterparties."""
    if table not in ("accounts", "counterparties"):
        raise ValueError(table)
    rows = await pool.fetch(f"SELECT reference, name FROM {table} WHERE dossier_id = $1", dossier_id)
    return {r["reference"]: r["name"] for r in rows}


_ITEMS = (
    "SELECT o.*, c.name AS counterparty_name, h.item_reference IS NOT NULL AS done, e.document_id, "
    "EXISTS (SELECT 1 FROM payments_in_progress p WHERE p.dossier_id = o.dossier_id AND p.document_id = e.document_id "
    "AND p.cancelled_at IS NULL) "
    "AS payment_in_progress FROM open_items o "
    "LEFT JOIN counterparties c ON c.dossier_id = o.dossier_id AND c.reference = o.counterparty_reference "
    "LEFT JOIN history_done h ON h.dossier_id = o.dossier_id AND h.item_reference = o.reference "
    "LEFT JOIN LATERAL (SELECT document_id FROM entries x WHERE x.dossier_id = o.dossier_id "
    "AND x.external_id = o.external_id AND x.document_id IS NOT NULL LIMIT 1) e ON o.external_id IS NOT NULL "
    "WHERE o.dossier_id = $1 AND ($2::text IS NULL OR o.kind = $2) "
    "AND ($3::text IS NULL OR o.counterparty_reference = $3 OR c.name ILIKE '%' || $3 || '%') "
    "AND ($4::date IS NULL OR o.issue_date >= $4) AND ($5::date IS NULL OR o.issue_date <= $5) "
    "ORDER BY o.issue_date DESC NULLS LAST, o.reference")


async def aged_items(pool: asyncpg.Pool, dossier_id: UUID, kind: str) -> list[Item]:
    """The open items of one kind still open, with what ageing needs (amount open, due date, counterparty)."""
    rows = await pool.fetch("SELECT reference, kind, amount, amount_open, due_date, issue_date, counterparty_reference "
                            "FROM open_items WHERE dossier_id = $1 AND kind = $2 AND amount_open > 0", dossier_id, kind)
    return [Item(r["reference"], r["kind"], r["amount"], r["amount_open"], r["due_date"], r["issue_date"],
                 r["counterparty_reference"]) for r in rows]


async def items(pool: asyncpg.Pool, dossier_id: UUID, kind: str | None = None, counterparty: str | None = None,
                start: date | None = None, end: date | None = None) -> list[Item]:
    """Receivables/payables with their counterparty name, done tick, document and payment in progress."""
    rows = await pool.fetch(_ITEMS, dossier_id, kind, counterparty, start, end)
    return [Item(r["reference"], r["kind"], r["amount"], r["amount_open"], r["due_date"], r["issue_date"],
                 r["counterparty_reference"],
                 extra={k: r[k] for k in ("invoice_number", "document_number", "counterparty_name", "done",
                                          "document_id", "payment_in_progress", "external_id")})
            for r in rows]


async def item_exists(pool: asyncpg.Pool, dossier_id: UUID, reference: str) -> bool:
    return bool(await pool.fetchval("SELECT true FROM open_items WHERE dossier_id = $1 AND reference = $2",
                                    dossier_id, reference))
