"""Postgres repository of dossier activity (ACT-1): documents received, sent to accounting, sync status
(domain.ports.Activity)."""
from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from office.domain.activity import DossierActivity


class PgActivity:
    """Implements domain.ports.Activity on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def _ensure(self, dossier_id: str) -> uuid.UUID | None:
        """The dossier's id with its activity row made; None when office knows no such dossier."""
        did = uuid.UUID(str(dossier_id))
        if not await self.conn.fetchval("SELECT true FROM dossiers WHERE id = $1", did):
            return None
        await self.conn.execute("INSERT INTO dossier_activity (dossier_id) VALUES ($1) ON CONFLICT DO NOTHING", did)
        return did

    async def document_received(self, dossier_id: str, at: datetime) -> None:
        if did := await self._ensure(dossier_id):
            await self.conn.execute(
                """UPDATE dossier_activity SET documents_received = documents_received + 1,
                          last_document_at = greatest(last_document_at, $2) WHERE dossier_id = $1""", did, at)

    async def add_sent(self, dossier_id: str, delta: int) -> None:
        if did := await self._ensure(dossier_id):
            await self.conn.execute("UPDATE dossier_activity SET sent_to_accounting = greatest(sent_to_accounting + $2, 0)"
                                    " WHERE dossier_id = $1", did, delta)

    async def reset_sent(self, dossier_id: str) -> None:
        if did := await self._ensure(dossier_id):
            await self.conn.execute("UPDATE dossier_activity SET sent_to_accounting = 0 WHERE dossier_id = $1", did)

    async def synced(self, dossier_id: str, *, status: str, error: str | None, at: datetime,
                     reason: str | None) -> None:
        if did := await self._ensure(dossier_id):
            await self.conn.execute(
                """UPDATE dossier_activity SET sync_status = $2, sync_error = $3, last_sync_at = $4,
                          last_sync_reason = $5
                    WHERE dossier_id = $1 AND (last_sync_at IS NULL OR last_sync_at <= $4)""",
                did, status, error, at, reason)

    async def of_office(self, office_id: str) -> dict[str, DossierActivity]:
        rows = await self.conn.fetch("SELECT a.* FROM dossier_activity a JOIN dossiers d ON d.id = a.dossier_id "
                                     "WHERE d.office_id = $1", uuid.UUID(office_id))
        return {str(r["dossier_id"]): DossierActivity(**{**dict(r), "dossier_id": str(r["dossier_id"])}) for r in rows}
