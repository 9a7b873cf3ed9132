"""Reads of the archive (REP-3) and the financial journals (REP-5), filtered and paged in SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

import asyncpg

from reporting.domain.filters import DateRange


@dataclass(frozen=True)
class ArchiveFilter:
    """REP-3 filters: document type, mailbox, text (file name, invoice number, counterparty, journal, amount),
    received dates."""

    type: str | None = None
    mailbox: str | None = None
    q: str | None = None
    dates: DateRange = DateRange()


_CP_NAME = ("(SELECT c.name FROM counterparties c WHERE c.dossier_id = a.dossier_id "
            "AND c.reference = e.counterparty_reference)")
# q: part of the file name, invoice number or counterparty name; the counterparty reference or journal code as
# written; or the entry's exact total ($7, when q reads as an amount).
_ARCHIVE_WHERE = (
    "FROM archive_documents a LEFT JOIN entries e ON e.dossier_id = a.dossier_id AND e.reference = a.entry_reference "
    "WHERE a.dossier_id = $1 AND a.received_at IS NOT NULL AND ($2::text IS NULL OR a.document_type = $2) "
    "AND ($3::text IS NULL OR a.mailbox = $3) "
    "AND ($4::text IS NULL OR a.filename ILIKE '%' || $4 || '%' OR e.invoice_number ILIKE '%' || $4 || '%' "
    f"OR {_CP_NAME} ILIKE '%' || $4 || '%' OR e.counterparty_reference ILIKE $4 OR e.journal_code ILIKE $4 "
    "OR e.total = $7::numeric) "
    "AND ($5::date IS NULL OR a.received_at >= $5::date) AND ($6::date IS NULL OR a.received_at < $6::date + 1)")
# PAY-7 (issue 17): a booked invoice's payment state — paid (nothing open), payment_in_progress (an approved payment
# not cancelled), open — from its open item (by our external id); none for documents without an open item
_PAYMENT_STATE = (
    "(SELECT CASE WHEN o.amount_open <= 0 THEN 'paid' WHEN EXISTS (SELECT 1 FROM payments_in_progress p "
    "WHERE p.dossier_id = a.dossier_id AND p.document_id = a.document_id AND p.cancelled_at IS NULL) "
    "THEN 'payment_in_progress' ELSE 'open' END FROM open_items o WHERE o.dossier_id = a.dossier_id "
    "AND o.external_id = e.external_id LIMIT 1)")
_ARCHIVE_COLS = ("a.document_id, a.document_type, a.mailbox, a.filename, a.content_type, a.source, a.size_bytes, "
                 "a.received_at, a.status, a.entry_reference, e.invoice_number, e.booking_date, e.total, e.journal_code, "
                 f"e.journal_type, e.counterparty_reference, {_CP_NAME} AS counterparty_name, "
                 f"{_PAYMENT_STATE} AS payment_state")


def _amount(q: str | None) -> Decimal | None:
    """q as an amount (``605``, ``605,00``, ``1.234,50`` with a comma decimal), else None."""
    text = (q or "").strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal("1e14") else None


def _args(dossier_id: UUID, f: ArchiveFilter) -> tuple:
    return dossier_id, f.type, f.mailbox, f.q or None, f.dates.start, f.dates.end, _amount(f.q)


async def archive(pool: asyncpg.Pool, dossier_id: UUID, f: ArchiveFilter, limit: int,
                  offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of archive documents), newest first."""
    total = await pool.fetchval(f"SELECT count(*) {_ARCHIVE_WHERE}", *_args(dossier_id, f))
    rows = await pool.fetch(f"SELECT {_ARCHIVE_COLS} {_ARCHIVE_WHERE} ORDER BY a.received_at DESC, a.document_id "
                            "LIMIT $8 OFFSET $9", *_args(dossier_id, f), limit, offset)
    return total, [dict(r) for r in rows]


async def archive_document(pool: asyncpg.Pool, dossier_id: UUID, document_id: UUID) -> dict[str, Any] | None:
    """One archive document with the entry it was booked as (journal, period, counterparty, lines)."""
    row = await pool.fetchrow(
        f"SELECT {_ARCHIVE_COLS}, e.period_code, e.document_kind, e.lines, a.e_invoice_check "
        "FROM archive_documents a LEFT JOIN entries e ON e.dossier_id = a.dossier_id "
        "AND e.reference = a.entry_reference WHERE a.dossier_id = $1 AND a.document_id = $2 "
        "AND a.received_at IS NOT NULL", dossier_id, document_id)
    return dict(row) if row else None


async def financial_entries(pool: asyncpg.Pool, dossier_id: UUID, journal: str | None, dates: DateRange,
                            limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """REP-5: entries of the financial journals (bank, cash), oldest first."""
    where = ("FROM entries WHERE dossier_id = $1 AND journal_type = 'financial' AND ($2::text IS NULL OR "
             "journal_code = $2) AND ($3::date IS NULL OR booking_date >= $3) "
             "AND ($4::date IS NULL OR booking_date <= $4)")
    args = (dossier_id, journal, dates.start, dates.end)
    total = await pool.fetchval(f"SELECT count(*) {where}", *args)
    rows = await pool.fetch(f"SELECT reference, journal_code, period_code, booking_date, document_number, "
                            f"counterparty_reference, total, lines {where} ORDER BY booking_date, reference "
                            "LIMIT $5 OFFSET $6", *args, limit, offset)
    return total, [dict(r) for r in rows]


async def bank_transactions(pool: asyncpg.Pool, dossier_id: UUID, account: str | None, dates: DateRange,
                            limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """REP-5: bank statement lines the accounting software holds, oldest first."""
    where = ("FROM bank_transactions WHERE dossier_id = $1 AND ($2::text IS NULL OR account_iban = $2) "
             "AND ($3::date IS NULL OR booking_date >= $3) AND ($4::date IS NULL OR booking_date <= $4)")
    args = (dossier_id, account, dates.start, dates.end)
    total = await pool.fetchval(f"SELECT count(*) {where}", *args)
    rows = await pool.fetch(f"SELECT reference, account_iban, booking_date, amount, currency, counterparty_name, "
                            f"counterparty_iban, communication, reconciled {where} ORDER BY booking_date, reference "
                            "LIMIT $5 OFFSET $6", *args, limit, offset)
    return total, [dict(r) for r in rows]
