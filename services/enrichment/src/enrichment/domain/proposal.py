"""A booking proposal put together from the pure rules: counterparty, lines, journal, period, number, warnings."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from enrichment.domain import counterparty, journals, lines
from enrichment.domain.counterparty import Match
from enrichment.domain.currency import to_eur
from enrichment.domain.model import Book, Document, ExchangeRate, History


@dataclass(frozen=True)
class Warning_:
    """Something a reviewer should look at (codes as in proposal.created)."""

    code: str
    message: str
    field: str | None = None
    related_document_id: UUID | None = None


@dataclass
class Draft:
    """Everything proposed for a document; the number and duplicates are added by the use case."""

    doc: Document
    match: Match
    lines: tuple[lines.Line, ...]
    journal: journals.JournalChoice
    period: journals.PeriodChoice
    rate: ExchangeRate | None
    rate_missing: bool
    warnings: list[Warning_] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    document_number: str | None = None
    fiscal_year: str | None = None  # the fiscal year the number counts in (ENR-4)
    number_confidence: float = 0.0
    vat_exempt_purchase: bool = False  # VAT is part of the cost: lines carry no VAT code on purpose

    @property
    def booking_date(self) -> date:
        return self.doc.issue_date.value if self.doc.issue_date else self.doc.received_on


def is_foreign(doc: Document) -> bool:
    return bool(doc.currency and doc.currency.value.upper() != "EUR")


def assemble(book: Book, doc: Document, match: Match, history: History,
             rate: ExchangeRate | None) -> Draft:
    """Lines, journal and period for a document whose counterparty is already matched."""
    foreign = is_foreign(doc)
    proposed, notes = lines.propose_lines(book, doc, match, history, rate if foreign else None)
    all_journals = journals.merged(book.profile.journals, book.journals)
    draft = Draft(doc, match, proposed, journals.choose_journal(all_journals, doc.journal_type, doc.kind, foreign),
                  None, rate if foreign else None, foreign and rate is None, notes=list(notes))  # type: ignore[arg-type]
    draft.period = journals.choose_period(book.periods, draft.booking_date)
    draft.vat_exempt_purchase = book.profile.vat_exempt and doc.direction == "purchase"
    _warn(draft, book)
    return draft


def _warn(d: Draft, book: Book) -> None:
    w = d.warnings
    if d.match.status == "new":
        w.append(Warning_("new_counterparty", f"{d.match.name or d.match.vat_number} is not a counterparty of the "
                          "dossier yet; it is proposed as new", "counterparty"))
    if d.match.status == "default":
        w.append(Warning_("default_counterparty", "no counterparty recognised; the dossier's default counterparty "
                          "is proposed" if d.match.reference else "no counterparty recognised and the dossier "
                          "has no default counterparty", "counterparty"))
    fraud = counterparty.iban_warning(d.match, d.doc.counterparty)
    if fraud:
        w.append(Warning_("iban_changed", fraud, "counterparty.iban"))
    for line in d.lines:
        if line.suspense:
            w.append(Warning_("suspense_account", f"line {line.line_no}: no account could be proposed with "
                              f"confidence; booked on the suspense account {line.account}",
                              f"lines.{line.line_no}.account"))
    if d.rate_missing:
        w.append(Warning_("exchange_rate_unknown", f"no reference rate for {d.doc.currency.value} on or shortly "
                          f"before {d.booking_date.isoformat()}; amounts are NOT converted to EUR", "foreign"))
    for note, code in ((d.journal.note, "journal_unknown"), (d.period.note, "period_unknown")):
        if note:
            w.append(Warning_(code, note, code.split("_")[0]))
    if d.period.warning:
        w.append(Warning_("date_outside_period", d.period.warning, "period"))
    if d.doc.issue_date is None:
        w.append(Warning_("missing_mandatory", "no invoice date recognised; the date of receipt was used for "
                          "the period", "invoice_date"))
    w.extend(Warning_("line_review", n) for n in d.notes)
    _totals(d)


def _totals(d: Draft) -> None:
    if d.doc.total_incl is None or not d.lines or d.rate_missing:
        return
    gross = sum((line.net + line.vat for line in d.lines), start=Decimal("0"))
    wanted = to_eur(d.doc.total_incl.value, d.rate)
    if abs(gross - wanted) > Decimal("0.02"):
        d.warnings.append(Warning_("totals_mismatch", f"the lines add up to {gross} EUR, the document says "
                                   f"{wanted} EUR", "totals.gross"))
