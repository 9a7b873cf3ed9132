"""The values enrichment reasons about: the dossier's master data, its settings, and a recognised document."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, Literal, TypeVar
from uuid import UUID

T = TypeVar("T")
Direction = Literal["purchase", "sale"]
Region = Literal["national", "eu", "non_eu"]
Kind = Literal["goods", "services", "investments"]

SUSPENSE_ACCOUNT = "499000"  # PCMN "compte d'attente / wachtrekening": used when no account is known


@dataclass(frozen=True)
class Seen(Generic[T]):
    """A recognised value with the confidence recognition gave it (0..1)."""

    value: T
    confidence: float = 1.0


@dataclass(frozen=True)
class Party:
    """A counterparty of the dossier as the accounting software holds it."""

    reference: str
    name: str
    vat_number: str | None = None
    enterprise_number: str | None = None
    ibans: tuple[str, ...] = ()
    country: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Account:
    """A GL account (PCMN code)."""

    code: str
    name: str = ""
    kind: str = "other"
    active: bool = True


@dataclass(frozen=True)
class Journal:
    """A journal with its number format and next number (ENR-4)."""

    code: str
    type: str
    name: str | None = None
    number_format: str | None = None
    next_number: int | None = None
    credit_notes_only: bool = False
    foreign_currency: bool = False
    prefix: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Period:
    """An accounting period and whether it is open (ENR-3)."""

    code: str
    start: date
    end: date
    state: str = "open"
    fiscal_year: str | None = None  # as the accounting software names it; None: the calendar year of `start`

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class VatCode:
    """A VAT code of the dossier (ENR-2)."""

    code: str
    direction: Direction
    rate: Decimal | None = None
    kind: Kind | None = None
    region: Region | None = None
    reverse_charge: bool = False
    description: str | None = None
    active: bool = True

    @property
    def invoice_rate(self) -> Decimal | None:
        """The rate shown on the invoice: 0 under reverse charge (the buyer self-assesses)."""
        return Decimal("0") if self.reverse_charge else self.rate


@dataclass(frozen=True)
class VatException:
    """A dossier exception to the generic VAT codes: when every set field matches, use `code`."""

    code: str
    rate: Decimal | None = None
    kind: Kind | None = None
    region: Region | None = None
    journal_type: str | None = None


@dataclass(frozen=True)
class SchemaEntry:
    """The office schema: extra words about an account or rubric (OFF-3)."""

    account: str
    rubric: str | None = None
    description: str | None = None
    extra_info: str | None = None


@dataclass(frozen=True)
class Profile:
    """The dossier settings enrichment uses (dossier.changed)."""

    vat_number: str | None = None
    vat_exempt: bool = False
    default_counterparty: str | None = None
    keywords: tuple[str, ...] = ()
    office_schema: tuple[SchemaEntry, ...] = ()
    vat_exceptions: tuple[VatException, ...] = ()
    journals: tuple[Journal, ...] = ()
    suspense_account: str = SUSPENSE_ACCOUNT


@dataclass(frozen=True)
class Book:
    """What enrichment knows of one dossier at the moment a document is proposed."""

    profile: Profile = field(default_factory=Profile)
    parties: tuple[Party, ...] = ()
    accounts: dict[str, Account] = field(default_factory=dict)
    journals: tuple[Journal, ...] = ()
    periods: tuple[Period, ...] = ()
    vat_codes: tuple[VatCode, ...] = ()


@dataclass(frozen=True)
class Learned:
    """One line of an earlier final booking of the counterparty: account and VAT code, and when it was booked."""

    booking: str
    account: str
    vat_code: str | None
    invoice_rate: Decimal | None
    booked_on: date
    seq: int = 0  # order in which the bookings became known (later corrections come later)
    words: tuple[str, ...] = ()  # what the booked document was about (ENR-2 words)


@dataclass(frozen=True)
class History:
    """What earlier final bookings say about a document: its counterparty's lines (latest first), the lines of
    the dossier's bookings sharing its words, and those words."""

    counterparty: tuple[Learned, ...] = ()
    worded: tuple[Learned, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExchangeRate:
    """Units of `currency` per euro on `day` (ECB convention), and where it comes from."""

    currency: str
    day: date
    per_eur: Decimal
    source: str


@dataclass(frozen=True)
class PartyData:
    """What recognition read about the counterparty."""

    name: Seen[str] | None = None
    vat_number: Seen[str] | None = None
    enterprise_number: Seen[str] | None = None
    iban: Seen[str] | None = None
    country: Seen[str] | None = None

    @property
    def anything(self) -> bool:
        return any((self.name, self.vat_number, self.enterprise_number, self.iban))


@dataclass(frozen=True)
class RateGroup:
    """The part of an invoice at one VAT rate, in the invoice currency."""

    rate: Decimal | None
    net: Decimal
    vat: Decimal
    confidence: float = 1.0
    descriptions: tuple[str, ...] = ()
    category: str | None = None  # EN 16931 VAT category (S, Z, E, AE, K, G, O) when known


@dataclass(frozen=True)
class Document:
    """A recognised document, in enrichment's terms (translated from document.recognized at the edge)."""

    document_id: UUID
    dossier_id: UUID
    sha256: str
    received_on: date
    recognition: str  # complete | incomplete | unrecognized | technical_error
    direction: Direction = "purchase"
    journal_type: str = "purchases"  # purchases | sales | misc
    kind: Literal["invoice", "credit_note"] = "invoice"
    source: str | None = None  # ubl | cii | pdf_text | ocr
    error_reason: str | None = None
    invoice_number: Seen[str] | None = None
    issue_date: Seen[date] | None = None
    due_date: Seen[date] | None = None
    currency: Seen[str] | None = None
    total_excl: Seen[Decimal] | None = None
    total_vat: Seen[Decimal] | None = None
    total_incl: Seen[Decimal] | None = None
    groups: tuple[RateGroup, ...] = ()
    counterparty: PartyData = field(default_factory=PartyData)
    payment_reference: str | None = None
    descriptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProposalRecord:
    """What enrichment keeps of a proposal it made."""

    proposal_id: UUID
    document_id: UUID
    status: str
    journal: str | None = None
    document_number: str | None = None
    vat_number: str | None = None  # the counterparty's, so a party created at posting links up
    words: tuple[str, ...] = ()  # what the document is about: the final booking learns them (ENR-2 words)
    fiscal_year: str | None = None  # the fiscal year its document number belongs to (ENR-4)
