"""The result of reading a document (recognition): EN 16931 fields with confidence and provenance."""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Language, Mailbox, Sha256
from contracts.money import Money, Rate

RecognitionMethod = Literal["ubl", "cii", "text", "ocr"]
"""How a document was read: UBL/Peppol XML, CII (Factur-X), PDF text layer, or OCR."""

RecognitionStatus = Literal["complete", "incomplete", "unrecognized", "technical_error"]
RecognitionErrorCode = Literal["timeout", "memory_limit", "crashed", "storage_unavailable", "original_missing",
                               "unreadable", "limit_exceeded", "empty_file"]
"""Why a document could not be read (status technical_error)."""
PASSING_ERRORS: frozenset[str] = frozenset({"timeout", "memory_limit", "crashed", "storage_unavailable"})
"""The error codes of a passing (technical) cause: reading the same file again may succeed (WL-13 reprocess).
The others (unreadable, limit_exceeded, empty_file, original_missing) fail again on the same file."""
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


# --- The recognised invoice (issue 5): one structure for every source, each field with its evidence.

RecognitionSource = Literal["ubl", "cii", "pdf_text", "ocr"]
"""Which extractor read the document: UBL/Peppol XML, CII (Factur-X/ZUGFeRD/XRechnung), PDF text layer, OCR."""


class FieldProvenance(ContractModel):
    """Where a field was read: page and box (fractions of the page, origin top left), or the XML path."""

    method: Literal["ubl", "cii", "pdf_text", "ocr", "derived"] = Field(
        description="the extractor, or 'derived' when computed from other fields (e.g. total = net + VAT)")
    page: int | None = Field(default=None, ge=1)
    bbox: Box | None = None
    xpath: str | None = None


class RecognizedText(ContractModel):
    """A recognised text value with its confidence in [0, 1] and provenance."""

    value: str
    confidence: float = Field(ge=0, le=1)
    provenance: FieldProvenance | None = None


class RecognizedDate(ContractModel):
    """A recognised date (ISO 8601 on the wire)."""

    value: date
    confidence: float = Field(ge=0, le=1)
    provenance: FieldProvenance | None = None


class RecognizedAmount(ContractModel):
    """A recognised amount in the invoice currency (decimal string on the wire)."""

    value: Money
    confidence: float = Field(ge=0, le=1)
    provenance: FieldProvenance | None = None


class RecognizedParty(ContractModel):
    """Seller or buyer: VAT numbers compact with their country prefix, IBAN compact, all validated."""

    name: RecognizedText | None = None
    vat_number: RecognizedText | None = None
    enterprise_number: RecognizedText | None = Field(default=None, description="Belgian KBO/BCE number, 10 digits")
    iban: RecognizedText | None = None
    bic: RecognizedText | None = None
    address: RecognizedText | None = None
    country: RecognizedText | None = Field(default=None, description="ISO 3166-1 alpha-2")


class RecognizedVatRate(ContractModel):
    """One line of the VAT breakdown: rate (percent), taxable base and VAT amount."""

    rate: Rate
    taxable: Money | None = None
    vat: Money | None = None
    confidence: float = Field(ge=0, le=1)
    provenance: FieldProvenance | None = None


class RecognizedLine(ContractModel):
    """One invoice line."""

    description: str | None = None
    quantity: Rate | None = None
    unit_price: Money | None = None
    net_amount: Money | None = None
    vat_rate: Rate | None = None
    confidence: float = Field(ge=0, le=1)
    provenance: FieldProvenance | None = None


class StructuredValidation(ContractModel):
    """Verdict of XSD + EN 16931 (+ Peppol) schematron on a structured invoice, by rule id."""

    valid: bool
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = Field(default=(), description="e.g. 'UBL-2.1-XSD', 'EN16931-UBL', 'PEPPOL-BIS-3'")


class RecognizedInvoice(ContractModel):
    """What recognition read from one document (REC-1..3), whatever its source."""

    source: RecognitionSource
    document_type: Literal["invoice", "credit_note", "receipt", "other"]
    invoice_number: RecognizedText | None = None
    issue_date: RecognizedDate | None = None
    due_date: RecognizedDate | None = None
    currency: RecognizedText | None = None
    total_excl_vat: RecognizedAmount | None = None
    total_vat: RecognizedAmount | None = None
    total_incl_vat: RecognizedAmount | None = None
    vat_breakdown: tuple[RecognizedVatRate, ...] = ()
    seller: RecognizedParty = Field(default_factory=RecognizedParty)
    buyer: RecognizedParty = Field(default_factory=RecognizedParty)
    payment_reference: RecognizedText | None = Field(
        default=None, description="'+++ddd/dddd/ddddd+++' (Belgian structured communication) or an RF creditor reference")
    lines: tuple[RecognizedLine, ...] = ()
    dossier_party: Literal["seller", "buyer"] | None = Field(
        default=None, description="which party is the dossier itself, decided by its VAT number when known")
    totals_consistent: bool | None = Field(default=None, description="net + VAT = total (and the breakdown adds up)")
    validation: StructuredValidation | None = Field(default=None, description="structured invoices only")
    language: Language | None = None
    page_count: int | None = Field(default=None, ge=0)


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
    error_code: RecognitionErrorCode | None = Field(
        default=None, description="why reading failed, as a code (technical_error); PASSING_ERRORS may be reprocessed")
    mailbox: Mailbox | None = Field(default=None, description="the mailbox of the document.received it answers")
    words_key: str | None = Field(
        default=None, description="object key of the recognised words with their boxes, per page (WL-5 overlay)")
    invoice: RecognizedInvoice | None = Field(
        default=None, description="the recognised invoice with per-field confidence and provenance (issue 5); "
        "`fields` carries the same values under EN 16931 business-term names")
