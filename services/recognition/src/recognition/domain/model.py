"""The recognised invoice as the domain sees it: values with confidence and evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Source = Literal["ubl", "cii", "pdf_text", "ocr"]
Status = Literal["complete", "incomplete", "unrecognized", "technical_error"]
BBox = tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the page, origin top left


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: method, page (1-based) and box, or XML path."""

    method: str
    page: int | None = None
    bbox: BBox | None = None
    xpath: str | None = None


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value with the confidence (0..1) that it is right and where it came from."""

    value: T
    confidence: float
    evidence: Evidence | None = None

    def scaled(self, factor: float) -> Found[T]:
        """The same value with its confidence multiplied by `factor` (clamped to 0..1)."""
        return Found(self.value, max(0.0, min(1.0, self.confidence * factor)), self.evidence)


@dataclass
class Party:
    """Seller or buyer."""

    name: Found[str] | None = None
    vat_number: Found[str] | None = None
    enterprise_number: Found[str] | None = None
    iban: Found[str] | None = None
    bic: Found[str] | None = None
    address: Found[str] | None = None
    country: Found[str] | None = None


@dataclass(frozen=True)
class VatRow:
    """One rate of the VAT breakdown."""

    rate: Decimal
    taxable: Decimal | None
    vat: Decimal | None
    confidence: float
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Line:
    """One invoice line."""

    description: str | None
    quantity: Decimal | None
    unit_price: Decimal | None
    net_amount: Decimal | None
    vat_rate: Decimal | None
    confidence: float
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Validation:
    """Verdict of schema and schematron checks, by rule id."""

    valid: bool
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = ()
    messages: tuple[tuple[str, str], ...] = ()  # (rule id, what the rule says), one per failed rule


@dataclass
class Invoice:
    """Everything read from one document."""

    source: Source
    document_type: str = "invoice"
    invoice_number: Found[str] | None = None
    issue_date: Found[date] | None = None
    due_date: Found[date] | None = None
    currency: Found[str] | None = None
    total_excl_vat: Found[Decimal] | None = None
    total_vat: Found[Decimal] | None = None
    total_incl_vat: Found[Decimal] | None = None
    vat_breakdown: list[VatRow] = field(default_factory=list)
    seller: Party = field(default_factory=Party)
    buyer: Party = field(default_factory=Party)
    payment_reference: Found[str] | None = None
    lines: list[Line] = field(default_factory=list)
    dossier_party: str | None = None
    totals_consistent: bool | None = None
    validation: Validation | None = None
    language: str | None = None
    page_count: int | None = None


MANDATORY = ("invoice_number", "issue_date", "total_incl_vat", "seller.vat_number")
"""REC-3: the counterparty's VAT number, invoice number, invoice date and totals."""


@dataclass
class Outcome:
    """The result of recognising one file: a status, the invoice or the reason it failed."""

    status: Status
    invoice: Invoice | None = None
    error: str | None = None
    error_code: str | None = None  # document.recognized error_code (contracts RecognitionErrorCode)
    searchable_pdf: bytes | None = None
    words: bytes | None = None  # the words with their boxes per page, JSON (layout.words_json)

    @property
    def missing(self) -> tuple[str, ...]:
        """Mandatory fields not found (REC-3)."""
        if self.invoice is None:
            return MANDATORY
        return tuple(name for name in MANDATORY if _get(self.invoice, name) is None)


def _get(obj: object, dotted: str) -> object:
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    return obj


def status_of(invoice: Invoice) -> Status:
    """complete when every mandatory field was found, unrecognized when none, else incomplete."""
    found = [_get(invoice, name) is not None for name in MANDATORY]
    if all(found):
        return "complete"
    return "incomplete" if any(found) else "unrecognized"
