"""Conversations (COM-1, COM-4): who takes part, which side a message comes from, what a thread is called.

A conversation is between the office and the client side of one dossier. On the client side it is addressed
to one client user (`recipient_user_id`) or, with none, to every full-access user (DOS-4). The office side is
every collaborator who may read the dossier's conversations (the permission matrix decides who that is).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

Side = Literal["office", "client"]
TEXT_MAX = 5000
SUBJECT_MAX = 200


@dataclass(frozen=True)
class Viewer:
    """The caller of a conversation route: their user id, their side and (client side) whether they have full
    access to the dossier."""

    user_id: UUID
    side: Side
    full_access: bool = False

    def sees(self, recipient_user_id: UUID | None) -> bool:
        """True when a thread addressed to `recipient_user_id` (None: all full-access users) is theirs to see."""
        if self.side == "office":
            return True
        return recipient_user_id == self.user_id or (recipient_user_id is None and self.full_access)


def other_side(side: Side) -> Side:
    return "client" if side == "office" else "office"


def question_subject(params: Mapping[str, str]) -> str:
    """The subject of a thread opened by a question about a document (WL-6): invoice number and counterparty;
    empty when neither is known (the portal then names it after the document)."""
    return " · ".join(p for p in (params.get("invoice_number"), params.get("counterparty")) if p)[:SUBJECT_MAX]


def uuid_or_none(value: str | None) -> UUID | None:
    """A UUID param of a request (document_id, asked_by_id), or None when missing or malformed."""
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def excerpt(text: str, limit: int = 1000) -> str:
    """The start of a message for a notification mail (the full text stays in the portal)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
