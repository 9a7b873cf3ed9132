"""The result of reading a document (recognition): EN 16931 fields with confidence and provenance."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Language, Sha256
from contracts.money import Money, Rate

RecognitionMethod = Literal["ubl", "cii", "text", "ocr"]
"""How a document was read: UBL/Peppol XML, CII (Factur-X), PDF text layer, or OCR."""

RecognitionStatus = Literal["complete", "incomplete", "unrecognized", "technical_error"]
"""WL-3: all mandatory fields found, some missing, none found, or reading failed."""


class Box(ContractModel):
    """A rectangle on a page, in fractions of the page width and height (0..1, origin top left)."""

    x0: float = Field(ge=0, le=1)
    y0: float = Field(ge=0, le=1)
    x1: float = Field(ge=0, le=1)
    y1: float = Field(ge=0, le=1)


class Provenance(ContractModel):
    """Where a value was read: the method, and the page and box or the XML path."""

    method: RecognitionMethod
    page: int | None = Field(default=None, ge=1)
    box: Box | None = None
    xpath: str | None = Field(default=None, description="location in a structured e-invoice")


class TextValue(ContractModel):
    """A recognised text value."""

    value: str
    confidence: float = Field(ge=0, le=1)
    provenance: Provenance | None = None


class DateValue(ContractModel):
    """A recognised date."""

    value: date
    confidence: float = Field(ge=0, le=1)
    provenance: Provenance | None = None


class AmountValue(ContractModel):
    """A recognised amount, in the invoice currency."""

    value: Money
    confidence: float = Field(ge=0, le=1)
    provenance: Provenance | None = None


class VatBreakdown(ContractModel):
    """One VAT category of the invoice (EN 16931 BG-23)."""

    vat_category_code: str | None = Field(default=None, description="BT-118, e.g. 'S', 'Z', 'E', 'AE'")
    vat_category_rate: Rate | None = Field(default=None, description="BT-119, percent")
    vat_category_taxable_amount: Money = Field(description="BT-116")
    vat_category_tax_amount: Money = Field(description="BT-117")
    vat_exemption_reason: str | None = Field(default=None, description="BT-120")
    confidence: float = Field(default=1.0, ge=0, le=1)
    provenance: Provenance | None = None


class InvoiceLine(ContractModel):
    """One invoice line (EN 16931 BG-25)."""

    invoice_line_identifier: str | None = Field(default=None, description="BT-126")
    item_name: str | None = Field(default=None, description="BT-153")
    invoiced_quantity: Rate | None = Field(default=None, description="BT-129")
    item_net_price: Money | None = Field(default=None, description="BT-146")
    invoice_line_net_amount: Money | None = Field(default=None, description="BT-131")
    invoiced_item_vat_category_code: str | None = Field(default=None, description="BT-151")
    invoiced_item_vat_rate: Rate | None = Field(default=None, description="BT-152, percent")
    confidence: float = Field(default=1.0, ge=0, le=1)
    provenance: Provenance | None = None


class InvoiceFields(ContractModel):
    """The recognised fields, named after EN 16931 business terms; None when not found."""

    invoice_number: TextValue | None = Field(default=None, description="BT-1")
    invoice_issue_date: DateValue | None = Field(default=None, description="BT-2")
    invoice_type_code: TextValue | None = Field(default=None, description="BT-3: 380 invoice, 381 credit note")
    invoice_currency_code: TextValue | None = Field(default=None, description="BT-5")
    payment_due_date: DateValue | None = Field(default=None, description="BT-9")
    buyer_reference: TextValue | None = Field(default=None, description="BT-10")
    purchase_order_reference: TextValue | None = Field(default=None, description="BT-13")
    seller_name: TextValue | None = Field(default=None, description="BT-27")
    seller_vat_identifier: TextValue | None = Field(default=None, description="BT-31")
    buyer_name: TextValue | None = Field(default=None, description="BT-44")
    buyer_vat_identifier: TextValue | None = Field(default=None, description="BT-48")
    remittance_information: TextValue | None = Field(
        default=None, description="BT-83; a Belgian structured communication as '+++123/4567/89002+++'")
    payment_account_identifier: TextValue | None = Field(default=None, description="BT-84, IBAN")
    payment_service_provider_identifier: TextValue | None = Field(default=None, description="BT-86, BIC")
    sum_of_invoice_line_net_amount: AmountValue | None = Field(default=None, description="BT-106")
    invoice_total_amount_without_vat: AmountValue | None = Field(default=None, description="BT-109")
    invoice_total_vat_amount: AmountValue | None = Field(default=None, description="BT-110")
    invoice_total_amount_with_vat: AmountValue | None = Field(default=None, description="BT-112")
    amount_due_for_payment: AmountValue | None = Field(default=None, description="BT-115")
    vat_breakdown: tuple[VatBreakdown, ...] = Field(default=(), description="BG-23")
    invoice_lines: tuple[InvoiceLine, ...] = Field(default=(), description="BG-25")


class ValidationIssue(ContractModel):
    """One failed rule of a schema or schematron check, or of a cross-check of totals."""

    rule: str = Field(description="rule id, e.g. 'BR-CO-15' or 'UBL-XSD'")
    severity: Literal["fatal", "warning", "information"]
    message: str
    location: str | None = None


class ValidationVerdict(ContractModel):
    """The verdict of the checks run on the document (EN 16931 / Peppol schematron, totals)."""

    verdict: Literal["valid", "invalid", "not_checked"]
    rulesets: tuple[str, ...] = Field(default=(), description="e.g. 'UBL-2.1', 'EN16931', 'PEPPOL-BIS-3'")
    issues: tuple[ValidationIssue, ...] = ()
    totals_consistent: bool | None = Field(default=None, description="lines, VAT and totals add up")


class DocumentRecognized(Event):
    """Recognition read a document (REC-1..3); enrichment turns it into a booking proposal.

    Also emitted with status technical_error and the reason when the document could not be
    read, so no document is silently lost.
    """

    EVENT_TYPE: ClassVar[str] = "document.recognized"
    SCHEMA_VERSION: ClassVar[int] = 1

    document_id: UUID
    sha256: Sha256
    status: RecognitionStatus
    method: RecognitionMethod | None = Field(default=None, description="None when nothing could be read")
    document_kind: Literal["invoice", "credit_note", "receipt", "other"] | None = None
    language: Language | None = Field(default=None, description="main language of the document text")
    page_count: int | None = Field(default=None, ge=0)
    fields: InvoiceFields = Field(default_factory=InvoiceFields)
    missing_mandatory: tuple[str, ...] = Field(
        default=(), description="REC-3 mandatory fields not found, by their InvoiceFields name")
    validation: ValidationVerdict | None = None
    searchable_pdf_key: str | None = Field(default=None, description="object key of the PDF with OCR text layer")
    error_reason: str | None = Field(default=None, description="why reading failed (technical_error)")
