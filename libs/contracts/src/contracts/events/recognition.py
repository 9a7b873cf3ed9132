"""The result of reading a document (recognition): the recognised invoice, each field with confidence and provenance."""
from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.envelope import ContractModel, Event
from contracts.events.common import Language, Mailbox, Sha256
from contracts.money import Money, Rate

RecognitionStatus = Literal["complete", "incomplete", "unrecognized", "technical_error"]
"""WL-3: all mandatory fields found, some missing, none found, or reading failed."""
RecognitionErrorCode = Literal["timeout", "memory_limit", "crashed", "storage_unavailable", "original_missing",
                               "unreadable", "limit_exceeded", "empty_file"]
"""Why a document could not be read (status technical_error)."""
PASSING_ERRORS: frozenset[str] = frozenset({"timeout", "memory_limit", "crashed", "storage_unavailable"})
"""The error codes of a passing (technical) cause: reading the same file again may succeed (WL-13 reprocess).
The others (unreadable, limit_exceeded, empty_file, original_missing) fail again on the same file."""


class Box(ContractModel):
    """A rectangle on a page, in fractions of the page width and height (0..1, origin top left)."""

    x0: float = Field(ge=0, le=1)
    y0: float = Field(ge=0, le=1)
    x1: float = Field(ge=0, le=1)
    y1: float = Field(ge=0, le=1)


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


MAX_RULE_MESSAGE_CHARS = 300
"""The longest rule message carried: the text comes from the checked document's rules and is bounded."""


class RuleMessage(ContractModel):
    """What one failed rule says, in the rule set's own words (SVRL svrl:text, the XSD error message)."""

    rule: str = Field(description="the rule id, as in `errors` or `warnings`, e.g. 'BR-CO-15'")
    text: str = Field(max_length=MAX_RULE_MESSAGE_CHARS,
                      description="the message as the schematron / XSD gave it: plain text, partly from the "
                      "document, never markup")


class StructuredValidation(ContractModel):
    """Verdict of XSD + EN 16931 (+ Peppol) schematron on a structured invoice, by rule id."""

    valid: bool
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = Field(default=(), description="e.g. 'UBL-2.1-XSD', 'EN16931-UBL', 'PEPPOL-BIS-3'")
    messages: tuple[RuleMessage, ...] = Field(
        default=(), description="what each failed rule says (one per rule id, optional; absent from older events)")


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
    SCHEMA_VERSION: ClassVar[int] = 2

    document_id: UUID
    sha256: Sha256
    status: RecognitionStatus
    document_kind: Literal["invoice", "credit_note", "receipt", "other"] | None = None
    language: Language | None = Field(default=None, description="main language of the document text")
    page_count: int | None = Field(default=None, ge=0)
    searchable_pdf_key: str | None = Field(
        default=None, description="object key of the PDF with an OCR text layer (scans and photos), for download")
    error_reason: str | None = Field(default=None, description="why reading failed (technical_error)")
    error_code: RecognitionErrorCode | None = Field(
        default=None, description="why reading failed, as a code (technical_error); PASSING_ERRORS may be reprocessed")
    mailbox: Mailbox | None = Field(default=None, description="the mailbox of the document.received it answers")
    words_key: str | None = Field(
        default=None, description="object key of the recognised words with their boxes, per page (WL-5 overlay); "
        "the object is a contracts.events.words.RecognizedWords")
    invoice: RecognizedInvoice | None = Field(
        default=None, description="the recognised invoice with per-field confidence and provenance (issue 5), "
        "with the verdict of the e-invoice checks in `invoice.validation`")


_SEVERITY_LISTS = {"fatal": "errors", "warning": "warnings", "information": "warnings"}


def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """document.recognized v1 -> v2: the copies nobody read are gone — `fields` and `method` (the values and
    source of `invoice`), `missing_mandatory` (enrichment decides what a proposal lacks) — and a checked top-level
    `validation` verdict (ValidationVerdict) moves to `invoice.validation`, the one place the verdict is kept."""
    for legacy in ("fields", "missing_mandatory", "method"):
        payload.pop(legacy, None)
    verdict, invoice = payload.pop("validation", None), payload.get("invoice")
    if not isinstance(verdict, dict) or not isinstance(invoice, dict):
        return payload
    if invoice.get("totals_consistent") is None and verdict.get("totals_consistent") is not None:
        invoice["totals_consistent"] = verdict["totals_consistent"]
    if invoice.get("validation") is None and verdict.get("verdict") in ("valid", "invalid"):
        rules: dict[str, list[str]] = {"errors": [], "warnings": []}
        messages: dict[str, str] = {}
        for issue in verdict.get("issues") or ():
            if isinstance(issue, dict) and issue.get("severity") in _SEVERITY_LISTS and issue.get("rule"):
                rule = str(issue["rule"])
                rules[_SEVERITY_LISTS[issue["severity"]]].append(rule)
                if isinstance(issue.get("message"), str) and issue["message"].strip():
                    messages.setdefault(rule, issue["message"].strip()[:MAX_RULE_MESSAGE_CHARS])
        invoice["validation"] = {"valid": verdict["verdict"] == "valid", **rules,
                                 "rulesets": list(verdict.get("rulesets") or ()),
                                 "messages": [{"rule": rule, "text": text} for rule, text in messages.items()]}
    return payload
