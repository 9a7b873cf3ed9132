"""A booking proposal put together from the pure rules: counterparty, lines, journal, period, number, warnings."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from enrichment.domain import counterparty, journals, lines
from enrichment.domain.counterparty import Match
from enrichment.domain.currency import to_eur
from enrichment.domain.model import Book, Document, ExchangeRate, History


class WarningCode(StrEnum):
    """Every warning enrichment gives a proposal (proposal.created ``warnings[].code``); a portal says each in its
    reader's language from the code and ``params`` (issue 15 item 3)."""

    NEW_COUNTERPARTY = "new_counterparty"
    DEFAULT_COUNTERPARTY = "default_counterparty"
    IBAN_CHANGED = "iban_changed"
    SUSPENSE_ACCOUNT = "suspense_account"
    EXCHANGE_RATE_UNKNOWN = "exchange_rate_unknown"
    JOURNAL_UNKNOWN = "journal_unknown"
    PERIOD_UNKNOWN = "period_unknown"
    DATE_OUTSIDE_PERIOD = "date_outside_period"
    MISSING_MANDATORY = "missing_mandatory"
    LINE_REVIEW = "line_review"
    TOTALS_MISMATCH = "totals_mismatch"
    NUMBER_FORMAT = "number_format"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Warning_:
    """Something a reviewer should look at (codes as in proposal.created), with the values its message names."""

    code: WarningCode
    message: str
    field: str | None = None
    related_document_id: UUID | None = None
    params: dict[str, str] = dataclasses.field(default_factory=dict)  # (a field here is named "field")


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
        who = d.match.name or d.match.vat_number or ""
        w.append(Warning_(WarningCode.NEW_COUNTERPARTY, f"{who} is not a counterparty of the dossier yet; it is "
                          "proposed as new", "counterparty", params={"name": who}))
    if d.match.status == "default":
        w.append(Warning_(WarningCode.DEFAULT_COUNTERPARTY, "no counterparty recognised; the dossier's default counterparty "
                          "is proposed" if d.match.reference else "no counterparty recognised and the dossier "
                          "has no default counterparty", "counterparty",
                          params={"default": "yes" if d.match.reference else "no"}))
    fraud = counterparty.iban_warning(d.match, d.doc.counterparty)
    if fraud:
        w.append(Warning_(WarningCode.IBAN_CHANGED, fraud, "counterparty.iban"))
    for line in d.lines:
        if line.suspense:
            w.append(Warning_(WarningCode.SUSPENSE_ACCOUNT, f"line {line.line_no}: no account could be proposed "
                              f"with confidence; booked on the suspense account {line.account}",
                              f"lines.{line.line_no}.account", params={"line": str(line.line_no),
                                                                        "account": str(line.account)}))
    if d.rate_missing:
        w.append(Warning_(WarningCode.EXCHANGE_RATE_UNKNOWN, f"no reference rate for {d.doc.currency.value} on or "
                          f"shortly before {d.booking_date.isoformat()}; amounts are NOT converted to EUR", "foreign",
                          params={"currency": d.doc.currency.value, "date": d.booking_date.isoformat()}))
    for note, code in ((d.journal.note, WarningCode.JOURNAL_UNKNOWN), (d.period.note, WarningCode.PERIOD_UNKNOWN)):
        if note:
            w.append(Warning_(code, note, code.split("_")[0]))
    if d.period.warning:
        w.append(Warning_(WarningCode.DATE_OUTSIDE_PERIOD, d.period.warning, "period"))
    if d.doc.issue_date is None:
        w.append(Warning_(WarningCode.MISSING_MANDATORY, "no invoice date recognised; the date of receipt was used "
                          "for the period", "invoice_date"))
    w.extend(Warning_(WarningCode.LINE_REVIEW, n) for n in d.notes)
    _totals(d)


def _totals(d: Draft) -> None:
    if d.doc.total_incl is None or not d.lines or d.rate_missing:
        return
    gross = sum((line.net + line.vat for line in d.lines), start=Decimal("0"))
    wanted = to_eur(d.doc.total_incl.value, d.rate)
    if abs(gross - wanted) > Decimal("0.02"):
        d.warnings.append(Warning_(WarningCode.TOTALS_MISMATCH, f"the lines add up to {gross} EUR, the document "
                                   f"says {wanted} EUR", "totals.gross",
                                   params={"lines_total": str(gross), "document_total": str(wanted)}))
