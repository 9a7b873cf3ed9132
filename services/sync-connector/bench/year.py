"""A generated year of bank statements for a demo dossier, with the truth of every line (`make eval-matching`).

Suppliers and customers with IBANs; each month purchase and sales invoices, paid the next weeks the ways
Belgian companies pay: the structured communication, the invoice number in free text, nothing but the
IBAN, partial payments, one transfer for several invoices, a customer paying from an unknown account;
plus bank fees and transfers that pay no invoice (salaries, taxes). Seeded: the same year every run."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from runtime.bankfiles import BankLine, BankStatement
from stdnum import iban as iban_check
from stdnum.be import ogm_vcs

from sync_connector.domain.matching import OpenInvoice

CENT = Decimal("0.01")


def _iban(rng: random.Random) -> str:
    """A valid Belgian IBAN of a bank python-stdnum knows."""
    while True:
        bban = rng.choice(("001", "068", "363", "310", "096", "734")) + f"{rng.randrange(10**7):07d}"
        account = bban + f"{int(bban) % 97 or 97:02d}"
        value = "BE" + iban_check.calc_check_digits("BE00" + account) + account
        if iban_check.is_valid(value):
            return value


def _ogm(rng: random.Random) -> str:
    base = f"{rng.randrange(10**9, 10**10):010d}"
    return base + ogm_vcs.calc_check_digits(base)


@dataclass
class Party:
    key: str
    iban: str
    number_format: str
    gives_ogm: float  # share of its invoices with a structured communication


@dataclass
class Truth:
    """The invoices a line really pays, with the amounts (empty for fees and unrelated transfers)."""

    paid: dict[str, Decimal] = field(default_factory=dict)
    scenario: str = ""


@dataclass
class Year:
    invoices: list[OpenInvoice]
    statements: list[BankStatement]
    truth: dict[tuple[str, str], Truth]  # (statement number, line sequence) -> truth
    issued_on: dict[str, date]


def _parties(rng: random.Random) -> tuple[list[Party], list[Party]]:
    formats = ["F{y}/{n:04d}", "INV-{n:05d}", "{y}{n:04d}", "FA {y}-{n:03d}", "{n:06d}"]
    suppliers = [Party(f"supplier-{i}", _iban(rng), formats[i % len(formats)], (0.85, 0.6, 0.3)[i % 3])
                 for i in range(8)]
    customers = [Party(f"customer-{i}", _iban(rng), "VF{y}/{n:04d}", 1.0) for i in range(6)]
    return suppliers, customers


def _invoices(rng: random.Random, year: int, suppliers: list[Party], customers: list[Party]) -> tuple[list, dict]:
    out, issued, counters = [], {}, {}
    for month in range(1, 13):
        for kind, parties, count in (("payable", suppliers, 18), ("receivable", customers, 10)):
            for _ in range(count):
                party = rng.choice(parties)
                counters[party.key] = counters.get(party.key, 0) + 1
                day = date(year, month, rng.randint(1, 28))
                amount = (Decimal(rng.randint(1500, 450000)) / 100).quantize(CENT)
                ogm = _ogm(rng) if rng.random() < party.gives_ogm else None
                ref = f"{kind[0]}{len(out) + 1}"
                out.append(OpenInvoice(ref, kind, party.key, amount, day + timedelta(days=30),
                                       number=party.number_format.format(y=year, n=counters[party.key]),
                                       structured=ogm, party_ibans=(party.iban,)))
                issued[ref] = day
    return out, issued


def _payments(rng: random.Random, invoices: list[OpenInvoice], ibans: dict[str, str], issued: dict) -> list:
    """(booking date, BankLine without sequence, Truth) for every payment of the year."""
    by_party: dict[str, list[OpenInvoice]] = {}
    for inv in invoices:
        by_party.setdefault(inv.party, []).append(inv)
    done: set[str] = set()
    out = []
    for inv in invoices:
        if inv.reference in done or rng.random() < 0.06:  # some stay unpaid
            continue
        sign = Decimal(-1) if inv.kind == "payable" else Decimal(1)
        on = issued[inv.reference] + timedelta(days=rng.randint(5, 40))
        roll = rng.random()
        if roll < 0.08:  # one transfer for this and the party's other open invoices of the month
            group = [i for i in by_party[inv.party] if i.reference not in done
                     and abs((issued[i.reference] - issued[inv.reference]).days) < 25][:3]
            if len(group) > 1:
                done.update(i.reference for i in group)
                text = "Invoices " + " ".join(i.number for i in group) if rng.random() < 0.7 else "Payment"
                total = sum((i.amount_open for i in group), Decimal(0))
                out.append((on, dict(amount=sign * total, communication=text, counterparty_iban=ibans[inv.party]),
                            Truth({i.reference: i.amount_open for i in group}, "several invoices")))
                continue
        done.add(inv.reference)
        if roll < 0.14 and inv.structured:  # partial payments, two parts
            first = (inv.amount_open * Decimal("0.4")).quantize(CENT)
            for part, delay in ((first, 0), (inv.amount_open - first, 20)):
                out.append((on + timedelta(days=delay), dict(amount=sign * part, structured=inv.structured,
                                                             counterparty_iban=ibans[inv.party]),
                            Truth({inv.reference: part}, "partial")))
            continue
        line: dict = dict(amount=sign * inv.amount_open, counterparty_iban=ibans[inv.party])
        scenario = "structured"
        if inv.structured and roll < 0.80:
            line["structured"] = inv.structured
        elif roll < 0.88:
            line["communication"], scenario = f"Inv. {inv.number} thank you", "number in text"
        elif roll < 0.95 or inv.kind == "payable":
            line["communication"], scenario = "Payment", "iban only"
        else:
            line["counterparty_iban"], scenario = "BE" + "0" * 14, "unknown account"
        out.append((on, line, Truth({inv.reference: inv.amount_open}, scenario)))
    return out


def _noise(rng: random.Random, year: int) -> list:
    out = []
    for month in range(1, 13):
        for _ in range(rng.randint(1, 3)):
            out.append((date(year, month, rng.randint(1, 28)), dict(amount=Decimal("-2.50"),
                        communication="BEHEERSKOSTEN / FRAIS DE GESTION"), Truth(scenario="bank fee")))
        out.append((date(year, month, 25), dict(amount=-Decimal(rng.randint(150000, 300000)) / 100,
                    communication=f"Salaris {month:02d}/{year}", counterparty_iban=_iban(rng)),
                    Truth(scenario="salary")))
    return out


def generate(dossier: str, year: int = 2026, seed: int = 17) -> Year:
    """The year of one dossier: invoices, monthly statements of its bank account, the truth of each line."""
    rng = random.Random(f"{dossier}-{year}-{seed}")
    suppliers, customers = _parties(rng)
    ibans = {p.key: p.iban for p in suppliers + customers}
    invoices, issued = _invoices(rng, year, suppliers, customers)
    moves = sorted(_payments(rng, invoices, ibans, issued) + _noise(rng, year), key=lambda m: m[0])
    account, balance = _iban(rng), Decimal("25000.00")
    statements, truth = [], {}
    for month in range(1, 13):
        lines = []
        for n, (on, line, why) in enumerate((m for m in moves if (m[0].year, m[0].month) == (year, month)), 1):
            lines.append(BankLine(sequence=f"{n:04d}", booking_date=on, **line))
            truth[(f"{month:03d}", f"{n:04d}")] = why
        closing = balance + sum((ln.amount for ln in lines), Decimal(0))
        statements.append(BankStatement("coda", account, "EUR", f"{month:03d}", date(year, month, 28), balance,
                                        closing, tuple(lines)))
        balance = closing
    return Year(invoices, statements, truth, issued)
