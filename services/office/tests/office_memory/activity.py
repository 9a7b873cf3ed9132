"""The activity repository in memory (domain.ports.Activity), on the dossiers of the memory dossiers."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from office.domain.activity import DossierActivity

from .dossiers import MemoryDossiers


class MemoryActivity:
    """Implements domain.ports.Activity in a dictionary (the dossier rows shared with the memory dossiers)."""

    def __init__(self, dossiers: MemoryDossiers) -> None:
        self.dossiers = dossiers.rows
        self.rows: dict[str, DossierActivity] = {}

    def _change(self, dossier_id: str, change: object) -> None:
        did = str(dossier_id)
        if did in self.dossiers:  # office knows no such dossier: nothing to count
            self.rows[did] = change(self.rows.get(did, DossierActivity(did)))  # type: ignore[operator]

    async def document_received(self, dossier_id: str, at: datetime) -> None:
        self._change(dossier_id, lambda a: replace(a, documents_received=a.documents_received + 1,
                                                   last_document_at=max(at, a.last_document_at or at)))

    async def add_sent(self, dossier_id: str, delta: int) -> None:
        self._change(dossier_id, lambda a: replace(a, sent_to_accounting=max(a.sent_to_accounting + delta, 0)))

    async def reset_sent(self, dossier_id: str) -> None:
        self._change(dossier_id, lambda a: replace(a, sent_to_accounting=0))

    async def synced(self, dossier_id: str, *, status: str, error: str | None, at: datetime,
                     reason: str | None) -> None:
        self._change(dossier_id, lambda a: a if a.last_sync_at and a.last_sync_at > at else replace(
            a, sync_status=status, sync_error=error, last_sync_at=at, last_sync_reason=reason))

    async def of_office(self, office_id: str) -> dict[str, DossierActivity]:
        return {d: a for d, a in self.rows.items() if self.dossiers[d].office_id == office_id}
