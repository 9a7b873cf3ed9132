"""ENR-2 booking lines: one per VAT rate of the invoice, with account, VAT code and EUR amounts."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from enrichment.domain import accounts, vat
from enrichment.domain.counterparty import Match
from enrichment.domain.currency import to_eur
from enrichment.domain.model import Book, Document, ExchangeRate, History, RateGroup


@dataclass(frozen=True)
class Line:
    """A proposed booking line in EUR, with the confidence of its account and VAT code."""

    line_no: int
    account: str
    vat_code: str | None
    vat_rate: Decimal | None
    net: Decimal
    vat: Decimal
    description: str | None
    suspense: bool
    account_confidence: float
    vat_confidence: float
    via: str


def groups_of(doc: Document) -> tuple[RateGroup, ...]:
    """The VAT breakdown; else the totals as one group (rate computed from VAT / net)."""
    if doc.groups:
        return doc.groups
    gross = doc.total_incl.value if doc.total_incl else None
    net = doc.total_excl.value if doc.total_excl else None
    tax = doc.total_vat.value if doc.total_vat else None
    if net is None and gross is not None:
        net = gross - tax if tax is not None else None
    if tax is None and net is not None and gross is not None:
        tax = gross - net
    if net is None:
        if gross is None:
            return ()
        return (RateGroup(None, gross, Decimal("0"), 0.3, doc.descriptions),)
    rate = vat.snap_rate(tax / net * 100) if net and tax is not None else (Decimal("0") if tax == 0 else None)
    confs = [s.confidence for s in (doc.total_excl, doc.total_vat, doc.total_incl) if s]
    return (RateGroup(rate, net, tax or Decimal("0"), min(confs, default=0.5), doc.descriptions),)


def _account(book: Book, doc: Document, m: Match, history: History, group: RateGroup):
    choice = accounts.from_history(history.counterparty, group.rate)
    if choice is None:
        choice = accounts.from_words(history.worded, history.words, group.rate)
    if choice is None:
        words = group.descriptions + doc.descriptions + ((m.name,) if m.name else ())
        choice = accounts.from_schema(book.profile.office_schema, words, doc.direction)
    if choice is None:
        return accounts.AccountChoice(None, None, 0.0, "none"), None
    known = book.accounts.get(choice.account)
    if book.accounts and (known is None or not known.active):
        return accounts.AccountChoice(None, None, 0.0, "none"), \
            f"account {choice.account} ({choice.via}) is not an active account of the dossier"
    return choice, None


def _vat_code(book: Book, doc: Document, m: Match, group: RateGroup, choice, account: str):
    active = {c.code for c in book.vat_codes if c.active}
    if choice.vat_code and (not book.vat_codes or choice.vat_code in active):
        return vat.VatChoice(choice.vat_code, choice.confidence, choice.via)
    return vat.choose(book.vat_codes, direction=doc.direction, rate=group.rate, kind=vat.kind_of(account),
                      region=vat.region_of(m.country), journal_type=doc.journal_type,
                      exceptions=book.profile.vat_exceptions, category=group.category)


def propose_lines(book: Book, doc: Document, m: Match, history: History,
                  rate: ExchangeRate | None) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    """The lines and the notes a reviewer should read (unknown accounts, missing VAT codes)."""
    lines, notes = [], []
    exempt_purchase = book.profile.vat_exempt and doc.direction == "purchase"
    for no, group in enumerate(groups_of(doc), start=1):
        choice, note = _account(book, doc, m, history, group)
        notes += [note] if note else []
        suspense = choice.account is None
        account = choice.account or book.profile.suspense_account
        net, tax = to_eur(group.net, rate), to_eur(group.vat, rate)
        if exempt_purchase:  # the dossier cannot deduct VAT: it is part of the cost, no VAT code
            code, net, tax = vat.VatChoice(None, 0.9, "VAT-exempt dossier"), net + tax, Decimal("0.00")
        else:
            code = _vat_code(book, doc, m, group, choice, account)
            if code.code is None:
                notes.append(f"line {no}: {code.reason}")
        text = "; ".join(d for d in group.descriptions if d)[:200] or None
        lines.append(Line(no, account, code.code, group.rate, net, tax, text, suspense,
                          choice.confidence if not suspense else 0.0,
                          round(code.confidence * group.confidence, 3), choice.via))
    return tuple(lines), tuple(notes)
