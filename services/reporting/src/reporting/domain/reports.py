"""REP-2: the six standard reports, pure functions of the replica (one place lists them: REPORTS)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from reporting.domain.figures import Closing
from reporting.domain.ledger import ZERO, Entry, credit_minus_debit, debit_minus_credit

DRILL_LIMIT = 500  # entries behind one figure, at the most

REPORTS = {
    "profit-and-loss": "income (class 7) and charges (class 6) per two-digit class and month of a year, and the result",
    "balance-by-class": "debit, credit and balance of every account up to a date, grouped by PCMN class 1-7",
    "aged-receivables": "open customer invoices by days overdue (not due, 1-30, 31-60, 61-90, over 90), per customer",
    "aged-payables": "open supplier invoices by days overdue, per supplier",
    "vat-summary": "VAT due (451) and deductible (411) per accounting period of a year, and the balance to pay",
    "top-counterparties": "the customers with the most turnover (70) and suppliers with the most charges (60-64)",
}


def profit_and_loss(entries: Iterable[Entry], year: int) -> dict:
    """Class 6 and 7 per two-digit class and month; income as credit − debit, charges as debit − credit."""
    rows: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 12)
    for e in entries:
        if e.booking_date.year != year:
            continue
        for ln in e.lines:
            if ln.account[:1] in ("6", "7"):
                sign = ln.credit - ln.debit if ln.account[0] == "7" else ln.debit - ln.credit
                rows[ln.account[:2]][e.booking_date.month - 1] += sign
    income = {k: v for k, v in sorted(rows.items()) if k[0] == "7"}
    charges = {k: v for k, v in sorted(rows.items()) if k[0] == "6"}
    result = [sum((v[m] for v in income.values()), ZERO) - sum((v[m] for v in charges.values()), ZERO)
              for m in range(12)]
    shape = lambda part: [{"class": k, "months": v, "total": sum(v, ZERO)} for k, v in part.items()]  # noqa: E731
    return {"year": year, "income": shape(income), "charges": shape(charges),
            "result": {"months": result, "total": sum(result, ZERO)}}


def balance_by_class(entries: Iterable[Entry], names: dict[str, str]) -> dict:
    """Every account's debit, credit and balance (debit − credit), grouped by class (first digit)."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for e in entries:
        for ln in e.lines:
            sums[ln.account][0] += ln.debit
            sums[ln.account][1] += ln.credit
    classes: dict[str, dict] = {}
    for account, (debit, credit) in sorted(sums.items()):
        group = classes.setdefault(account[:1], {"class": account[:1], "accounts": [], "balance": ZERO})
        group["accounts"].append({"account": account, "name": names.get(account), "debit": debit,
                                  "credit": credit, "balance": debit - credit})
        group["balance"] += debit - credit
    return {"classes": list(classes.values())}


def vat_summary(entries: Iterable[Entry], year: int) -> dict:
    """Per period of the year: VAT due (451, credit − debit), deductible (411, debit − credit), balance."""
    periods: dict[str, dict[str, Decimal]] = {}
    for e in entries:
        if e.booking_date.year != year:
            continue
        row = periods.setdefault(e.period_code, {"due": ZERO, "deductible": ZERO})
        row["due"] += credit_minus_debit(e.lines, "451")
        row["deductible"] += debit_minus_credit(e.lines, "411")
    rows = [{"period": code, **v, "balance": v["due"] - v["deductible"]} for code, v in sorted(periods.items())]
    total = {k: sum((r[k] for r in rows), ZERO) for k in ("due", "deductible", "balance")}
    return {"year": year, "periods": rows, "total": total}


def top_counterparties(entries: Iterable[Entry], year: int, names: dict[str, str], limit: int = 10) -> dict:
    """Customers ranked by turnover (70, credit − debit) and suppliers by charges (60-64, debit − credit)."""
    customers: dict[str, Decimal] = defaultdict(lambda: ZERO)
    suppliers: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for e in entries:
        if e.booking_date.year != year or not e.counterparty_reference:
            continue
        customers[e.counterparty_reference] += credit_minus_debit(e.lines, "70")
        suppliers[e.counterparty_reference] += debit_minus_credit(e.lines, "60", "61", "62", "63", "64")

    def ranked(amounts: dict[str, Decimal]) -> list[dict]:
        best = sorted(((v, k) for k, v in amounts.items() if v), key=lambda p: (-p[0], p[1]))[:limit]
        return [{"counterparty": k, "name": names.get(k), "amount": v} for v, k in best]

    return {"year": year, "customers": ranked(customers), "suppliers": ranked(suppliers)}


def settled(entries: Iterable[Entry], closing: Closing) -> list[Entry]:
    """The entries a report counts: with "closed periods only" (OFF-1) none of a provisional month."""
    return [e for e in entries if not closing.provisional(e.booking_date.year, e.booking_date.month)]


def provisional_months(year: int, closing: Closing) -> list[str]:
    """The months of the year a report leaves out ("YYYY-MM"), none without the setting."""
    return [f"{year}-{m:02d}" for m in range(1, 13) if closing.provisional(year, m)]


def drill(rows: Iterable[Mapping[str, Any]], prefixes: tuple[str, ...], closing: Closing) -> dict:
    """The entries behind a figure: those with lines on accounts starting with one of ``prefixes`` ("" = every line),
    not in a provisional month, with the amount on those accounts (debit − credit); at most DRILL_LIMIT of them."""
    found, total, more = [], ZERO, False
    for row in rows:
        day = row["booking_date"]
        lines = [ln for ln in row["lines"] if str(ln.get("account", "")).startswith(prefixes)]
        if not lines or closing.provisional(day.year, day.month):
            continue
        debit = sum((Decimal(str(ln.get("debit") or "0")) for ln in lines), ZERO)
        credit = sum((Decimal(str(ln.get("credit") or "0")) for ln in lines), ZERO)
        total += debit - credit
        if len(found) == DRILL_LIMIT:
            more = True
            continue
        found.append({k: row[k] for k in ("reference", "booking_date", "period_code", "journal_code",
                                            "counterparty_reference", "counterparty_name", "invoice_number",
                                            "document_id", "total")}
                     | {"debit": debit, "credit": credit, "amount": debit - credit,
                        "accounts": sorted({str(ln.get("account")) for ln in lines})})
    return {"entries": found, "total": total, "truncated": more}
