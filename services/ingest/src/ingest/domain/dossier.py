"""What ingest knows of a dossier, from the platform's replica of office's dossier.changed: its office, whether it
is active, and its effective settings (auto-transmission, ING-10)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class Dossier:
    """A replicated dossier; ``settings`` is office's settings document as replicated (JSON)."""

    dossier_id: UUID
    office_id: UUID
    name: str = ""
    active: bool = True
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MailboxCount:
    """ACT-1: a dossier of the office, its settings, and how many documents wait in its mailboxes (ING-9)."""

    dossier_id: UUID
    settings: Mapping[str, Any]
    uploaded_not_sent: int
