"""The dossier as office sees it: settings, client users and their profiles, assignments."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Language, ValidationMode, VatNumber

ClientProfile = Literal[
    "administrator", "full_access", "document_processing", "document_processing_archive",
    "full_feedback", "document_delivery",
]
"""DOS-4: the six profiles a client user can have on a dossier."""

CollaboratorRole = Literal["admin", "collaborator", "support"]
"""OFF-2: the roles of office collaborators."""

PortalScope = Literal["documents_archive", "documents_feedback", "feedback"]
"""DOS-1: what the client portal of the dossier offers."""


class DossierSettings(ContractModel):
    """Effective settings of the dossier, office defaults already applied (OFF-1, DOS-2, DOS-3)."""

    portal_scope: PortalScope = "documents_feedback"
    validation_mode: ValidationMode = "collaborator"
    direct_booking: bool = False
    nightly_sync: bool = True
    hide_financial_data: bool = False
    financial_tab: bool = True
    key_figures_closed_periods_only: bool = False
    sales_number_check: bool = True
    payment_module: bool = False
    payment_preparation: bool = False
    default_payment_date: Literal["due_date", "invoice_date", "today"] | None = None
    vat_exempt: bool = False
    default_counterparty: str | None = Field(default=None, description="reference in the accounting software")
    keywords: tuple[str, ...] = Field(default=(), max_length=4, description="ENR-2 sales keywords")
    language: Language = "nl"


class ClientUser(ContractModel):
    """A client user of the dossier with their profile (DOS-4)."""

    user_id: UUID
    email: str
    name: str
    language: Language
    profile: ClientProfile
    active: bool = True


class Assignment(ContractModel):
    """A collaborator assigned to the dossier (OFF-2); SUPPORT only to its worklists."""

    collaborator_id: UUID
    email: str
    name: str
    role: CollaboratorRole
    language: Language = "nl"
    worklists_only: bool = False


class AccountingLink(ContractModel):
    """Where the dossier lives in the accounting software (SYN-7)."""

    software: str = Field(description="adapter name, e.g. 'tryton'")
    installation: str = Field(description="which installation of that software")
    dossier_code: str = Field(description="the dossier's code there")


class DossierSnapshot(ContractModel):
    """The whole dossier after the change, so a replica can simply replace what it holds."""

    name: str
    code: str | None = Field(default=None, description="the office's short code for the dossier")
    vat_number: VatNumber | None = None
    active: bool = True
    accounting_updated_up_to: date | None = Field(default=None, description="DOS-1")
    client_group: str | None = None
    settings: DossierSettings = Field(default_factory=DossierSettings)
    users: tuple[ClientUser, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    accounting: AccountingLink | None = None


class DossierChanged(Event):
    """office created or changed a dossier; every service keeps the replica it needs.

    Always carries the full snapshot (event-carried state transfer), whatever changed.
    """

    EVENT_TYPE: ClassVar[str] = "dossier.changed"
    SCHEMA_VERSION: ClassVar[int] = 1

    change: Literal["created", "updated", "settings", "users", "assignments", "activated", "archived"]
    changed_by: UUID | None = None
    dossier: DossierSnapshot
