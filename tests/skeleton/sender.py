"""Skeleton 'sender' service: changes its own table and writes the event in the same transaction."""
from __future__ import annotations

import uuid

import asyncpg
from contracts.events import DossierChanged

from runtime.outbox import enqueue

SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    dossier_id uuid PRIMARY KEY,
    office_id  uuid NOT NULL,
    name       text NOT NULL,
    seq        int  NOT NULL
);
"""
OFFICE = uuid.UUID("00000000-0000-4000-8000-000000000001")


def dossier_event(dossier_id: uuid.UUID, name: str, seq: int) -> DossierChanged:
    """The event the sender announces for one dossier change."""
    return DossierChanged.model_validate({
        "correlation_id": f"skeleton-{seq}",
        "office_id": str(OFFICE),
        "dossier_id": str(dossier_id),
        "change": "created",
        "dossier": {"name": name},
    })


async def create_dossiers(dsn: str, topic: str, count: int, *, start: int = 0) -> list[uuid.UUID]:
    """Create `count` dossiers, each in its own transaction with its outgoing event."""
    conn = await asyncpg.connect(dsn)
    ids = []
    try:
        await conn.execute(SCHEMA)
        for seq in range(start, start + count):
            dossier_id = uuid.uuid4()
            async with conn.transaction():
                await conn.execute("INSERT INTO dossiers VALUES ($1, $2, $3, $4)", dossier_id, OFFICE, f"D{seq}", seq)
                await enqueue(conn, dossier_event(dossier_id, f"D{seq}", seq), source="skeleton-sender", topic=topic)
            ids.append(dossier_id)
        return ids
    finally:
        await conn.close()
