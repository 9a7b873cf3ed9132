"""An e-mail delivered to a dossier's mailbox (ING-2): remembered once per Message-ID, with how many documents it
gave and which attachments were refused; one without documents (or with refusals) is kept as a note."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class DeliveredMail:
    """One delivered e-mail (the ``mails`` table)."""

    dossier_id: UUID
    mailbox: str
    message_id: str
    sender: str | None = None
    subject: str | None = None
    body: str | None = None
    problems: tuple[str, ...] = ()
    documents: int = 0
    received_at: datetime | None = None  # set by the repository

    @property
    def is_note(self) -> bool:
        """Kept as a note: it gave no documents, or some attachments were refused."""
        return self.documents == 0 or bool(self.problems)
