"""The dossier's own bank accounts in Postgres (issue 17 item 2): learnt from events and SEPA files, listed for
the picker."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

import asyncpg

from payments.domain.accounts import Account
from payments.domain.debtors import DebtorAccount


async def learn(conn: asyncpg.Connection, dossier_id: UUID, ibans: Iterable[str], source: str,
                seen_at: datetime) -> None:
    """Accounts the accounting software or the bank named as the dossier's (a later sighting moves seen_at)."""
    rows = [(dossier_id, iban.replace(" ", "").upper(), source, seen_at) for iban in set(ibans) if iban]
    await conn.executemany(
        "INSERT INTO debtor_accounts (dossier_id, iban, source, seen_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (dossier_id, iban) DO UPDATE SET seen_at = GREATEST(debtor_accounts.seen_at, EXCLUDED.seen_at)",
        rows)


async def used(conn: asyncpg.Connection, dossier_id: UUID, account: Account, at: datetime) -> None:
    """A SEPA file was made from this account: it is known with its holder's name and BIC, and the default now."""
    await conn.execute(
        "INSERT INTO debtor_accounts (dossier_id, iban, bic, name, source, seen_at, last_used_at) "
        "VALUES ($1, $2, $3, $4, 'sepa_file', $5, $5) ON CONFLICT (dossier_id, iban) DO UPDATE SET "
        "bic = EXCLUDED.bic, name = EXCLUDED.name, last_used_at = EXCLUDED.last_used_at",
        dossier_id, account.iban, account.bic, account.name, at)


async def listing(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> list[DebtorAccount]:
    rows = await conn.fetch("SELECT iban, bic, name, source, seen_at, last_used_at FROM debtor_accounts "
                            "WHERE dossier_id = $1 ORDER BY iban", dossier_id)
    return [DebtorAccount(**dict(r)) for r in rows]
