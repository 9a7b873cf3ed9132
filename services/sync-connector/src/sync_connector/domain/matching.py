"""Matching bank statement lines to open receivables and payables (issue 17 item 3), strongest evidence first:
1. the Belgian structured communication (+++ddd/dddd/ddddd+++) or an RF creditor reference of the invoice;
2. the invoice numbers written in a free communication, when the amounts add up;
3. the counterparty's IBAN and the amount (one invoice, or all the party's open invoices together);
4. the amount and the date within a tolerance, when exactly one invoice fits and no IBAN says otherwise.
A rule that finds more than one answer matches nothing: the line waits for the office with suggestions
(a wrong match is worse than none). Money out pays payables, money in receivables."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from runtime.bankfiles import BankLine
from stdnum import iso11649

RF = re.compile(r"RF\d{2}[A-Z0-9]{1,21}")
TOLERANCE_DAYS = 10
MIN_NUMBER = 4  # shorter invoice numbers ('12') are found in any text


@dataclass(frozen=True)
class OpenInvoice:
    """An open receivable or payable as matching sees it; amounts positive."""

    reference: str
    kind: str  # "payable" | "receivable"
    party: str
    amount_open: Decimal
    due_date: date | None = None
    number: str | None = None          # the counterparty's own invoice number
    structured: str | None = None      # 12 digits of a Belgian structured communication
    rf: str | None = None              # an ISO 11649 creditor reference, compact
    party_ibans: tuple[str, ...] = ()
    external_id: str | None = None


@dataclass(frozen=True)
class LineMatch:
    """What matching made of one line: the invoices it pays (with the amount each) or suggestions."""

    line: BankLine
    rule: str | None = None
    paid: tuple[tuple[OpenInvoice, Decimal], ...] = ()
    suggestions: tuple[OpenInvoice, ...] = ()

    @property
    def matched(self) -> bool:
        return bool(self.paid)


@dataclass
class _Book:
    """The open amounts still to match while a statement's lines are matched one after the other."""

    items: list[OpenInvoice]
    left: dict[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.left = {i.reference: i.amount_open for i in self.items}

    def open_for(self, line: BankLine) -> list[OpenInvoice]:
        kind = "payable" if line.amount < 0 else "receivable"
        return [i for i in self.items if i.kind == kind and self.left[i.reference] > 0]

    def remaining(self, item: OpenInvoice) -> Decimal:
        return self.left[item.reference]

    def take(self, match: LineMatch) -> LineMatch:
        for item, amount in match.paid:
            self.left[item.reference] -= amount
        return match


def _compact(text: str) -> str:
    return re.sub(r"[\s./-]", "", text).upper()


def _pay_one(item: OpenInvoice, amount: Decimal, book: _Book) -> tuple[tuple[OpenInvoice, Decimal], ...]:
    """All of `amount` to one invoice: in full or in part, never more than it still owes."""
    return ((item, amount),) if amount <= book.remaining(item) else ()


def _pay_all(items: Sequence[OpenInvoice], amount: Decimal, book: _Book) -> tuple[tuple[OpenInvoice, Decimal], ...]:
    """`amount` to several invoices only when it is exactly what they still owe together."""
    if items and sum(book.remaining(i) for i in items) == amount:
        return tuple((i, book.remaining(i)) for i in items)
    return ()


def rf_references(text: str) -> set[str]:
    """Valid ISO 11649 references in a text, written with or without spaces ('RF18 5390 0754 7034')."""
    found = set()
    for start in RF.finditer(_compact(text)):
        candidate = start.group(0)
        for end in range(len(candidate), 4, -1):  # the reference may run into the next word
            if iso11649.is_valid(candidate[:end]):
                found.add(candidate[:end])
                break
    return found


def _by_reference(line: BankLine, candidates: list[OpenInvoice], amount: Decimal,
                  book: _Book) -> tuple[str, tuple] | None:
    """A reference names one invoice; one already paid (or of the other direction) stops matching."""
    refs = rf_references(line.communication)
    for rule, named in (("structured_reference", lambda i: line.structured and i.structured == line.structured),
                        ("rf_reference", lambda i: i.rf and i.rf in refs)):
        known = [i for i in book.items if named(i)]
        if len(known) == 1:
            return rule, _pay_one(known[0], amount, book) if known[0] in candidates else ()
    return None


def _numbers_in(text: str, candidates: Iterable[OpenInvoice]) -> list[OpenInvoice]:
    words = set(re.findall(r"[A-Z0-9]+", _compact_words(text)))
    return [i for i in candidates if i.number and len(_compact(i.number)) >= MIN_NUMBER
            and _compact(i.number) in words]


def _compact_words(text: str) -> str:
    """Words of a communication with separators inside invoice numbers dropped ('F2026/017' -> 'F2026017')."""
    return re.sub(r"(?<=[A-Za-z0-9])[./-](?=[A-Za-z0-9])", "", text).upper()


def _by_number(line: BankLine, candidates: list[OpenInvoice], amount: Decimal, book: _Book) -> tuple | None:
    found = _numbers_in(line.communication, candidates)
    if line.counterparty_iban:
        owned = [i for i in found if line.counterparty_iban in i.party_ibans]
        found = owned or [i for i in found if not i.party_ibans]
    if not found:
        return None
    if len({i.party for i in found}) > 1:
        return None
    if len(found) == 1 and amount < book.remaining(found[0]):
        return "invoice_number", _pay_one(found[0], amount, book)
    return "invoice_number", _pay_all(found, amount, book)


def _by_iban(line: BankLine, candidates: list[OpenInvoice], amount: Decimal, book: _Book) -> tuple | None:
    if not line.counterparty_iban:
        return None
    theirs = [i for i in candidates if line.counterparty_iban in i.party_ibans]
    exact = [i for i in theirs if book.remaining(i) == amount]
    if len(exact) == 1:
        return "iban_amount", _pay_one(exact[0], amount, book)
    if not exact and len(theirs) > 1:
        return "iban_amount", _pay_all(theirs, amount, book)
    return None


def _by_amount_date(line: BankLine, candidates: list[OpenInvoice], amount: Decimal, book: _Book) -> tuple | None:
    if line.counterparty_iban and any(line.counterparty_iban in i.party_ibans for i in book.items):
        return None  # the IBAN names a known party: rule 3 decided
    near = [i for i in candidates if book.remaining(i) == amount and i.due_date is not None
            and abs((i.due_date - line.booking_date).days) <= TOLERANCE_DAYS]
    if len(near) == 1:
        return "amount_date", _pay_one(near[0], amount, book)
    return None


RULES = (_by_reference, _by_number, _by_iban, _by_amount_date)


def _suggest(line: BankLine, candidates: list[OpenInvoice], amount: Decimal, book: _Book) -> tuple[OpenInvoice, ...]:
    """What the office may want to pick: named by the line or of its party first, then same amount, then nearest
    due date."""
    named = set(_numbers_in(line.communication, candidates))

    def score(item: OpenInvoice) -> tuple:
        party = bool(line.counterparty_iban and line.counterparty_iban in item.party_ibans) or item in named or bool(
            line.structured and item.structured == line.structured)
        days = abs((item.due_date - line.booking_date).days) if item.due_date else 9999
        return (not party, book.remaining(item) != amount, days)
    return tuple(i for i in sorted(candidates, key=score) if score(i)[:2] != (True, True))[:3]


def match_line(line: BankLine, book: _Book) -> LineMatch:
    """The first rule that gives one answer for the line; else the line with suggestions."""
    candidates = book.open_for(line)
    amount = abs(line.amount)
    if amount == 0:
        return LineMatch(line)
    for rule in RULES:
        found = rule(line, candidates, amount, book)
        if found is None:
            continue
        name, paid = found
        if paid:
            return book.take(LineMatch(line, name, paid))
        break  # the strongest evidence names invoices the amount does not fit: the office decides
    return LineMatch(line, suggestions=_suggest(line, candidates, amount, book))


def match_statement(lines: Sequence[BankLine], open_items: Sequence[OpenInvoice]) -> list[LineMatch]:
    """Each line matched in order; an invoice paid by one line is not offered to the next."""
    book = _Book(list(open_items))
    return [match_line(line, book) for line in lines]
