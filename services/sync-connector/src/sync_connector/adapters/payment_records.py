"""Postgres of the payments recorded in the accounting software (``payment_records``, issue 17 item 1): once per
payment id. Each function takes the handler's connection, so it runs in the inbox transaction."""
from __future__ import annotations

from uuid import UUID

import asyncpg
from contracts.events.payments import PaymentApproved, PaymentCancelled

from sync_connector.domain.payment_record import PaymentRecord

_FIELDS = "payment_id, dossier_id, document_id, state, software_reference, error_reason, recorded_at, outcome_at"


async def note(conn: asyncpg.Connection, event: PaymentApproved | PaymentCancelled, state: str,
               reference: str | None = None, reason: str | None = None) -> None:
    """The payment's record in this state; a payment already recorded keeps its first record."""
    await conn.execute(
        "INSERT INTO payment_records (payment_id, dossier_id, document_id, state, software_reference, error_reason) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (payment_id) DO NOTHING",
        event.payment_id, event.dossier_id, event.document_id, state, reference, reason)


async def is_noted(conn: asyncpg.Connection, payment_id: UUID) -> bool:
    """Whether the payment has a record (in whatever state)."""
    return bool(await conn.fetchval("SELECT 1 FROM payment_records WHERE payment_id = $1", payment_id))


async def locked(conn: asyncpg.Connection, payment_id: UUID) -> PaymentRecord | None:
    """The payment's record, locked until the transaction ends, or None."""
    row = await conn.fetchrow(f"SELECT {_FIELDS} FROM payment_records WHERE payment_id = $1 FOR UPDATE", payment_id)
    return PaymentRecord(**dict(row)) if row else None


async def note_failure(conn: asyncpg.Connection, payment_id: UUID, reason: str) -> None:
    """Why the software could not take the payment back (its state stays)."""
    await conn.execute("UPDATE payment_records SET error_reason = $2, outcome_at = now() WHERE payment_id = $1",
                       payment_id, reason)


async def note_outcome(conn: asyncpg.Connection, payment_id: UUID, state: str, reason: str | None) -> None:
    """What became of the payment in the software (cancelled, succeeded), with why when it was not deleted."""
    await conn.execute("UPDATE payment_records SET state = $2, error_reason = $3, outcome_at = now() "
                       "WHERE payment_id = $1", payment_id, state, reason)


async def mark_succeeded(conn: asyncpg.Connection, dossier_id: UUID, references: list[str]) -> None:
    """The dossier's recorded payments with these software references succeeded (others are left as they are)."""
    await conn.execute("UPDATE payment_records SET state = 'succeeded', outcome_at = now() WHERE dossier_id = $1 "
                       "AND state = 'recorded' AND software_reference = ANY($2)", dossier_id, references)
