"""SEPA files kept for download again (PAY-6): where the bytes are in S3 and what the file holds."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

_COLUMNS = ("id, dossier_id, storage_key, sha256, size, debtor_name, debtor_iban, debtor_bic, execution_date, "
            "count, total, created_at, created_by")


async def insert(conn: asyncpg.Connection, record: dict[str, Any]) -> None:
    names = list(record)
    await conn.execute(f"INSERT INTO sepa_files ({', '.join(names)}) VALUES "
                       f"({', '.join(f'${i}' for i in range(1, len(names) + 1))})", *record.values())


async def get(conn: asyncpg.Connection, dossier_id: UUID, file_id: UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM sepa_files WHERE dossier_id = $1 AND id = $2",
                              dossier_id, file_id)
    if row is None:
        return None
    ids = await conn.fetch("SELECT id FROM payments WHERE sepa_file_id = $1 ORDER BY id", file_id)
    return {**dict(row), "payment_ids": [r["id"] for r in ids]}


async def listing(conn: asyncpg.Connection, dossier_id: UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch(f"SELECT {_COLUMNS} FROM sepa_files WHERE dossier_id = $1 ORDER BY created_at DESC, id",
                            dossier_id)
    return [dict(r) for r in rows]
