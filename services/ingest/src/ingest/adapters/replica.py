"""What ingest knows of the dossiers: the platform's replica (runtime.replica, ``platform_dossiers``) and, of its
own, the inbound addresses of each dossier's mailboxes (ING-2), kept by a hook of the dossier.changed projection."""
from __future__ import annotations

from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged

from ingest.domain.dossier import Dossier, MailboxCount

Conn = asyncpg.Connection | asyncpg.Pool


async def save_addresses(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Replace the dossier's inbound addresses with the snapshot's (lower-case)."""
    await conn.execute("DELETE FROM inbound_addresses WHERE dossier_id = $1", event.dossier_id)
    for box in event.dossier.mailboxes:
        await conn.execute("INSERT INTO inbound_addresses VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE "
                           "SET dossier_id = $2, mailbox = $3", box.address.strip().lower(), event.dossier_id,
                           box.mailbox)


def _dossier(row: asyncpg.Record) -> Dossier:
    return Dossier(row["dossier_id"], row["office_id"], row["name"], row["active"], row["settings"] or {})


async def dossier(conn: Conn, dossier_id: UUID) -> Dossier | None:
    """The replicated dossier, or None when ingest never heard of it."""
    row = await conn.fetchrow("SELECT dossier_id, office_id, name, active, settings FROM platform_dossiers "
                              "WHERE dossier_id = $1", dossier_id)
    return _dossier(row) if row else None


async def by_address(conn: Conn, address: str) -> tuple[Dossier, str] | None:
    """The active dossier and mailbox of an inbound address (case-insensitive), or None."""
    row = await conn.fetchrow(
        "SELECT d.dossier_id, d.office_id, d.name, d.active, d.settings, a.mailbox FROM inbound_addresses a "
        "JOIN platform_dossiers d USING (dossier_id) WHERE a.address = $1 AND d.active", address.strip().lower())
    return None if row is None else (_dossier(row), row["mailbox"])


class PgDossiers:
    """Implements domain.ports.Dossiers on one connection (or the pool, for reads outside a unit of work)."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def get(self, dossier_id: UUID) -> Dossier | None:
        return await dossier(self.conn, dossier_id)

    async def by_address(self, address: str) -> tuple[Dossier, str] | None:
        return await by_address(self.conn, address)

    async def mailbox_counts(self, office_id: UUID, dossier_ids: list[UUID] | None) -> list[MailboxCount]:
        rows = await self.conn.fetch(
            "SELECT d.dossier_id, d.settings, (SELECT count(*) FROM documents m WHERE m.dossier_id = d.dossier_id "
            "AND m.status = 'mailbox') AS uploaded_not_sent FROM platform_dossiers d WHERE d.office_id = $1 "
            "AND ($2::uuid[] IS NULL OR d.dossier_id = ANY($2::uuid[])) ORDER BY d.dossier_id", office_id, dossier_ids)
        return [MailboxCount(r["dossier_id"], r["settings"] or {}, r["uploaded_not_sent"]) for r in rows]
