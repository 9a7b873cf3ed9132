"""Booking proposals: prepared by enrichment, validated in the worklist."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Actor, Iban, JournalRef, Mailbox, PeriodRef, ValidationMode, VatNumber
from contracts.events.recognition import StructuredValidation
from contracts.money import Currency, Money, Rate

ProposalOrigin = Literal["air", "ubl", "manual"]
"""WL-2 type: automatic invoice recognition, structured e-invoice, or entered by hand."""


class Counterparty(ContractModel):
    """The supplier or customer of a proposal (ENR-1): known, proposed as new, or the default."""

    status: Literal["known", "new", "default"]
    reference: str | None = Field(default=None, description="its id in the accounting software when known")
    name: str | None = None
    vat_number: VatNumber | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    iban: Iban | None = None


class ProposalLine(ContractModel):
    """One booking line: GL account, VAT code and amounts in EUR (WL-8)."""

    line_no: int = Field(ge=1)
    account: str = Field(min_length=1, description="GL account code, e.g. '604000'")
    vat_code: str | None = Field(default=None, description="VAT code alias of the dossier")
    vat_rate: Rate | None = Field(default=None, description="percent")
    net_amount: Money
    vat_amount: Money
    description: str | None = None
    note: str | None = None
    suspense: bool = Field(default=False, description="booked on the suspense account (WL-2 red)")


class Totals(ContractModel):
    """Totals of a proposal in EUR."""

    net: Money
    vat: Money
    gross: Money


class ForeignAmount(ContractModel):
    """The invoice total in its own currency when that is not EUR (REC-3)."""

    currency: Currency
    gross: Money
    exchange_rate: Rate = Field(description="EUR per unit of the foreign currency")
    rate_date: date | None = Field(default=None, description="the day the rate was published for")
    rate_source: str | None = Field(default=None, description="e.g. 'ECB reference rate of 2025-03-03'")


class ProposalWarning(ContractModel):
    """Something a reviewer should look at; `code` is open-ended so new kinds stay additive.

    Known codes: duplicate (ENR-5), date_outside_period (ENR-3), suspense_account,
    new_counterparty, missing_mandatory, totals_mismatch.
    """

    code: str = Field(min_length=1)
    message: str
    field: str | None = None
    related_document_id: UUID | None = Field(default=None, description="e.g. the possible duplicate")
    params: dict[str, str] = Field(default_factory=dict, description=(
        "the values the message names (e.g. name, line, account, currency, date), so a reader's language can say "
        "it from the code; the message stays English (issue 15 item 3)"))


class ProposalContent(ContractModel):
    """The booking a proposal describes; shared by proposal.created and proposal.validated."""

    proposal_id: UUID
    document_id: UUID
    origin: ProposalOrigin
    document_kind: Literal["invoice", "credit_note"] = "invoice"
    journal: JournalRef
    period: PeriodRef
    document_number: str | None = Field(default=None, description="ENR-4, from the journal's number format")
    invoice_number: str | None = None
    invoice_date: date | None = None
    due_date: date | None = None
    counterparty: Counterparty
    lines: tuple[ProposalLine, ...] = Field(default=(), description="empty: booked without detail (WL-8)")
    totals: Totals
    currency: Currency = Field(default="EUR", description="bookings are always in EUR")
    foreign: ForeignAmount | None = None
    payment_reference: str | None = Field(default=None, description="free or structured communication")
    warnings: tuple[ProposalWarning, ...] = ()


class ProposalCreated(ProposalContent, Event):
    """Enrichment prepared a booking proposal for a recognised document (ENR-1..5)."""

    EVENT_TYPE: ClassVar[str] = "proposal.created"
    SCHEMA_VERSION: ClassVar[int] = 1

    status: Literal["technical_error", "unrecognized", "incomplete", "complete", "complete_new_counterparty"] = \
        Field(description="WL-3 automatic status")
    confidence: float | None = Field(default=None, ge=0, le=1)
    mailbox: Mailbox | None = Field(default=None, description="the mailbox the document came in by")
    page_count: int | None = Field(default=None, ge=0)
    words_key: str | None = Field(
        default=None, description="object key of the recognised words with their boxes, per page (WL-5 overlay)")
    field_confidence: dict[str, float] = Field(
        default_factory=dict, description="confidence per proposed value, by field path "
        "(e.g. 'counterparty', 'lines.1.account', 'journal')")
    reasons: tuple[str, ...] = Field(default=(), description="why the WL-3 status is what it is")
    e_invoice_check: StructuredValidation | None = Field(
        default=None, description="the verdict of the XSD and EN 16931 / Peppol schematron checks of a structured "
        "e-invoice, as recognition gave it (document.recognized invoice.validation); kept with the proposal")
    searchable_pdf_key: str | None = Field(
        default=None, description="object key of the PDF with an OCR text layer recognition stored for a scan or "
        "photo (document.recognized searchable_pdf_key); the worklist offers it for download")


class ProposalValidated(ProposalContent, Event):
    """A proposal was reviewed and sent; sync-connector posts it to the accounting software (SYN-2).

    Redelivery is harmless: the booking carries `proposal_id`, so it is never posted twice.
    """

    EVENT_TYPE: ClassVar[str] = "proposal.validated"
    SCHEMA_VERSION: ClassVar[int] = 1

    status: Literal["checked", "validated"] = Field(description="WL-3: checked (reviewed, suspense lines) or validated")
    validated_by: Actor
    validation_mode: ValidationMode
    comment: str | None = Field(default=None, description="booking comment for the accounting software (WL-7)")
    direct_booking: bool = Field(default=False, description="post as final entry, not as a draft (WL-11)")


class ProposalWithdrawn(Event):
    """A proposal was deleted in the worklist; when it had been posted, sync-connector deletes the
    booking in the accounting software (SYN-6) and answers with ledger.synced action 'deleted'.
    """

    EVENT_TYPE: ClassVar[str] = "proposal.withdrawn"
    SCHEMA_VERSION: ClassVar[int] = 1

    proposal_id: UUID
    document_id: UUID
    booking_reference: str | None = Field(default=None, description="the booking to delete, when it was posted")
    withdrawn_by: Actor
    reason: str | None = None
