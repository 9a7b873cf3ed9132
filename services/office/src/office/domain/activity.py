"""What office knows of a dossier's activity (ACT-1): documents received, proposals sent, the last sync run."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DossierActivity:
    """The monitor's office-known counters of one dossier (all empty before anything happened)."""

    dossier_id: str
    documents_received: int = 0
    last_document_at: datetime | None = None
    sent_to_accounting: int = 0
    sync_status: str | None = None
    sync_error: str | None = None
    last_sync_at: datetime | None = None
    last_sync_reason: str | None = None
