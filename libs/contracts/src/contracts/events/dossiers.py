"""The dossier as office sees it: settings, client users and their profiles, assignments."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import JournalType, Language, Mailbox, ValidationMode, VatNumber

ClientProfile = Literal[
    "administrator", "full_access", "document_processing", "document_processing_archive",
    "full_feedback", "document_delivery",
]
"""DOS-4: the six profiles a client user can have on a dossier."""

CollaboratorRole = Literal["admin", "collaborator", "support"]
"""OFF-2: the roles of office collaborators."""

PortalScope = Literal["documents_archive", "documents_feedback", "feedback"]
"""DOS-1: what the client portal of the dossier offers."""


class AutoTransmissionRule(ContractModel):
    """ING-10: documents of one type skip the mailboxes and go straight to processing."""

    enabled: bool = False
    sender_whitelist: tuple[str, ...] = Field(
        default=(), description="e-mail addresses or '@domain'; empty = every sender")


class AutoTransmission(ContractModel):
    """ING-10: auto-transmission per document type."""

    purchases: AutoTransmissionRule = Field(default_factory=AutoTransmissionRule)
    sales: AutoTransmissionRule = Field(default_factory=AutoTransmissionRule)


class Link(ContractModel):
    """An app-centre link or instruction video shown in the portal (OFF-3, DOS-5)."""

    title: str
    url: str


class JournalSetting(ContractModel):
    """A journal of the dossier, created from the office's templates at activation (OFF-3, DOS-3)."""

    alias: str
    type: JournalType
    description: str | None = None
    number_format: str = Field(description="ENR-4, e.g. '{year}/{seq:05}'")
    next_number: int = 1
    prefix: str | None = None
    credit_notes_only: bool = False
    foreign_currency: bool = False
    first_period: str | None = None
    active: bool = True
    reviewed: bool = Field(default=False, description="DOS-5: reviewed since activation")


class VatCodeException(ContractModel):
    """A dossier exception to the office's generic VAT codes (OFF-3, DOS-3)."""

    code: str
    rate: str | None = Field(default=None, description="percentage as a decimal string, e.g. '6'")
    type: Literal["goods", "services", "investments"] | None = None
    region: Literal["national", "eu", "non_eu"] | None = None
    journal_type: JournalType | None = None
    description: str | None = None


class SchemaEntry(ContractModel):
    """The office schema: extra information per account or rubric used for annotation (OFF-3, ENR-2)."""

    account: str
    rubric: str | None = None
    description: str | None = None
    extra_info: str | None = None


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
    auto_transmission: AutoTransmission = Field(default_factory=AutoTransmission, description="ING-10")
    dashboard_accounts: tuple[str, ...] = Field(default=(), description="REP-6, DOS-5")
    app_centre_links: tuple[Link, ...] = Field(default=(), description="DOS-5")
    permanent_dossier_types: tuple[str, ...] = Field(default=(), description="REP-7, WL-12 type codes")
    journals: tuple[JournalSetting, ...] = Field(default=(), description="DOS-3")
    vat_code_exceptions: tuple[VatCodeException, ...] = Field(default=(), description="OFF-3, DOS-3")
    office_schema: tuple[SchemaEntry, ...] = Field(default=(), description="OFF-3 with the dossier's overrides")
    extra_accounts: tuple[str, ...] = Field(default=(), description="DOS-3: extra accounts allowed for annotation")


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
    via: Literal["direct", "client_group"] = "direct"


class InboundMailbox(ContractModel):
    """The dossier's unique inbound e-mail address for one mailbox (ING-2)."""

    mailbox: Mailbox
    address: str


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
    status: Literal["draft", "active", "archived"] | None = Field(default=None, description="DOS-1 activation")
    mailboxes: tuple[InboundMailbox, ...] = Field(default=(), description="ING-2")
    admins: tuple[UUID, ...] = Field(
        default=(), description="the office's active ADMIN collaborators (they reach every dossier), so a replica "
        "judges a caller's role as it is now, not as their token says (issue 15); empty in snapshots from before")


class DossierChanged(Event):
    """office created or changed a dossier; every service keeps the replica it needs.

    Always carries the full snapshot (event-carried state transfer), whatever changed.
    """

    EVENT_TYPE: ClassVar[str] = "dossier.changed"
    SCHEMA_VERSION: ClassVar[int] = 1

    change: Literal["created", "updated", "settings", "users", "assignments", "activated", "archived"]
    changed_by: UUID | None = None
    dossier: DossierSnapshot
