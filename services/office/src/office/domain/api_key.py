"""An integration API key of one dossier mailbox (ING-4), as the office keeps it: never the key, only its hash."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ApiKey:
    """A stored API key: its dossier and mailbox, name, the prefix shown to people, and when it was revoked."""

    id: str
    office_id: str
    dossier_id: str
    mailbox: str
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        """The API form of a key (never the key itself)."""
        return {"id": self.id, "dossier_id": self.dossier_id, "mailbox": self.mailbox, "name": self.name,
                "prefix": self.prefix, "created_at": self.created_at.isoformat(),
                "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None}
