"""The commands people give about a proposal (WL-3, WL-4, WL-6, WL-10, WL-12, SYN-6): what to do and its
parameters; which proposal is said where the command is run (handlers/actions.py: one or a selection)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from worklist.handlers.context import Caller

Dossier = Mapping[str, Any]
"""The replicated dossier (runtime.replica): its office, settings (validation mode, types, language) and users."""


@dataclass(frozen=True)
class ReviewProposal:
    """Review: checked (suspense lines) or validated (WL-3)."""

    caller: Caller


@dataclass(frozen=True)
class SendProposal:
    """Send a reviewed or rejected proposal to the accounting software (proposal.validated)."""

    dossier: Dossier
    caller: Caller


@dataclass(frozen=True)
class ChangeProposal:
    """Change the type (mailbox), journal or period, as an edit would (WL-4)."""

    dossier: Dossier
    caller: Caller
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteProposal:
    """Delete a proposal not sent, or have a booked entry deleted in the accounting software (SYN-6), which needs
    ``may_delete_booking`` (the booking.delete permission)."""

    caller: Caller
    reason: str | None = None
    may_delete_booking: bool = False


@dataclass(frozen=True)
class SetHelp:
    """Set or clear 'help needed' with an optional note (WL-10)."""

    caller: Caller
    needed: bool
    note: str | None = None


@dataclass(frozen=True)
class FileDocument:
    """File a misc document into the permanent dossier under one of the dossier's types (WL-12)."""

    dossier: Dossier
    caller: Caller
    misc_type: str


@dataclass(frozen=True)
class UnfileDocument:
    """Put a filed misc document back to 'to file' (WL-12)."""

    caller: Caller


@dataclass(frozen=True)
class AskClient:
    """Ask the client a question about the document, with the document attached (WL-6); to one active client user
    of the dossier (``recipient_id``) or to everyone with full access."""

    dossier: Dossier
    caller: Caller
    question: str
    recipient_id: UUID | None = None


ProposalCommand = ReviewProposal | SendProposal | ChangeProposal | DeleteProposal | SetHelp | FileDocument | UnfileDocument
