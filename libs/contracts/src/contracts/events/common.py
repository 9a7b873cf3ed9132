"""Vocabulary shared by several events: mailboxes, languages, identifiers, references."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints

from contracts.envelope import ContractModel

Mailbox = Literal["purchases", "sales", "misc"]
"""The mailbox a document was put in (ING-1)."""

Language = Literal["nl", "fr", "en", "de"]
"""The four languages of the platform (PLT-1)."""

JournalType = Literal["purchases", "sales", "financial", "misc"]
"""The kind of an accounting journal."""

ValidationMode = Literal["collaborator", "hybrid", "client"]
"""Who validates a dossier's proposals (WL-11)."""

VatNumber = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[0-9A-Z+*.]{2,13}$")]
"""A VAT number with its country prefix and no separators, e.g. "BE0123456749" (checked with python-stdnum by its producer)."""

Iban = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")]
"""An IBAN without spaces, e.g. "BE62510007547061"."""

Bic = Annotated[str, StringConstraints(pattern=r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
"""A BIC of 8 or 11 characters, e.g. "GEBABEBB"."""

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
"""A SHA-256 digest in lowercase hex."""


class JournalRef(ContractModel):
    """A journal of the dossier as the accounting software knows it."""

    code: str = Field(min_length=1, description="journal code in the accounting software, e.g. 'ACH'")
    type: JournalType
    name: str | None = None


class PeriodRef(ContractModel):
    """An accounting period of the dossier (ENR-3)."""

    code: str = Field(min_length=1, description="period code in the accounting software, e.g. '2025-03'")
    start_date: date
    end_date: date


class Actor(ContractModel):
    """Who did something: a collaborator of the office, a client user, or the system itself."""

    kind: Literal["collaborator", "client_user", "system"]
    user_id: UUID | None = Field(default=None, description="None for the system")
    name: str | None = None
