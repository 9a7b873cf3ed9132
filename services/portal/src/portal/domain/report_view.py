"""REP-2: the six standard reports as one kind of table (columns, rows of figures, each figure with the link to the
entries behind it), so that the page, the Excel file and the printable PDF show the same thing in the reader's
language. Build it inside ``i18n.activate(language)``: labels come out translated."""
from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from portal.domain.amounts import decimal_of
from portal.i18n import N_, gettext_

# name -> (title, which period it takes: "year" or "as_of")
REPORTS: dict[str, tuple[str, str]] = {
    "profit-and-loss": (N_("Profit and loss"), "year"),
    "balance-by-class": (N_("Balance by class"), "as_of"),
    "aged-receivables": (N_("Aged receivables"), "as_of"),
    "aged-payables": (N_("Aged payables"), "as_of"),
    "vat-summary": (N_("VAT summary"), "year"),
    "top-counterparties": (N_("Top customers and suppliers"), "year"),
}
BUCKETS = (("not_due", N_("Not due")), ("1_30", N_("1-30 days")), ("31_60", N_("31-60 days")),
           ("61_90", N_("61-90 days")), ("over_90", N_("Over 90 days")))
COSTS = "60,61,62,63,64"


@dataclass(frozen=True)
class Cell:
    """A figure and, when the entries behind it can be listed, the page that lists them."""

    value: Decimal | None
    link: str | None = None
    provisional: bool = False


@dataclass(frozen=True)
class Row:
    """A line of the report: a label (and a second text, e.g. an account's name), its figures; ``kind`` is
    ``heading`` (a section title, no figures), ``row`` or ``total``."""

    label: str
    cells: tuple[Cell, ...] = ()
    note: str = ""
    kind: str = "row"


@dataclass
class Table:
    """A report ready to show: title, period said in words, column headers (the first is the label's), rows."""

    title: str
    period: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    provisional_note: str = ""


def _month_end(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-{calendar.monthrange(year, number)[1]:02d}"


class Builder:
    """Turns reporting's answer of one report into a Table; ``entries`` gives the drill-down link of a filter."""

    def __init__(self, dossier_id: str, month_name: Callable[[str], str], day: Callable[[Any], str]) -> None:
        self.dossier_id, self.month_name, self.day = dossier_id, month_name, day

    def entries(self, **query: str) -> str:
        return f"/dossiers/{self.dossier_id}/reports/entries?" + urlencode({k: v for k, v in query.items() if v})

    def table(self, name: str, body: Mapping[str, Any]) -> Table:
        title = gettext_(REPORTS[name][0])
        if REPORTS[name][1] == "year":
            period = gettext_("Year %(year)s") % {"year": body.get("year")}
        else:
            period = gettext_("On %(date)s") % {"date": self.day(body.get("as_of") or date.today().isoformat())}
        table = getattr(self, "_" + name.replace("-", "_"))(body, Table(title, period, []))
        if body.get("closed_periods_only") and (body.get("provisional_months") or REPORTS[name][1] == "as_of"):
            table.provisional_note = gettext_("Closed periods only: the entries of months still provisional are "
                                              "left out.")
        return table

    def _profit_and_loss(self, body: Mapping[str, Any], table: Table) -> Table:
        year = body["year"]
        months = [f"{year}-{m:02d}" for m in range(1, 13)]
        provisional = set(body.get("provisional_months") or ())
        table.columns = [gettext_("Class"), *(self.month_name(m) for m in months), gettext_("Total")]

        def row(label: str, account: str, values: Sequence[Any], total: Any, kind: str = "row") -> Row:
            cells = [Cell(decimal_of(v), self.entries(account=account, **{"from": f"{m}-01", "to": _month_end(m)})
                          if account else None, m in provisional) for m, v in zip(months, values)]
            cells.append(Cell(decimal_of(total), self.entries(account=account, **{"from": f"{year}-01-01",
                                                                                    "to": f"{year}-12-31"})
                              if account else None))
            return Row(label, tuple(cells), kind=kind)

        for heading, part in ((gettext_("Income"), "income"), (gettext_("Charges"), "charges")):
            table.rows.append(Row(heading, kind="heading"))
            table.rows += [row(r["class"], r["class"], r["months"], r["total"]) for r in body.get(part) or ()]
        result = body.get("result") or {"months": [0] * 12, "total": 0}
        table.rows.append(row(gettext_("Result"), "", result["months"], result["total"], "total"))
        return table

    def _balance_by_class(self, body: Mapping[str, Any], table: Table) -> Table:
        as_of = str(body.get("as_of") or "")
        table.columns = [gettext_("Account"), gettext_("Debit"), gettext_("Credit"), gettext_("Balance")]
        for group in body.get("classes") or ():
            table.rows.append(Row(gettext_("Class %(number)s") % {"number": group["class"]}, kind="heading"))
            for a in group["accounts"]:
                link = self.entries(account=a["account"], to=as_of)
                table.rows.append(Row(a["account"], tuple(Cell(decimal_of(a[k]), link)
                                                          for k in ("debit", "credit", "balance")),
                                      note=a.get("name") or ""))
            table.rows.append(Row(gettext_("Total class %(number)s") % {"number": group["class"]},
                                  (Cell(None), Cell(None), Cell(decimal_of(group["balance"]))), kind="total"))
        return table

    def _aged(self, body: Mapping[str, Any], table: Table, side: str) -> Table:
        table.columns = [gettext_("Counterparty"), *(gettext_(label) for _, label in BUCKETS), gettext_("Total")]
        for c in body.get("counterparties") or ():
            party = c.get("counterparty") or ""
            history = f"/dossiers/{self.dossier_id}/history?" + urlencode(
                {"side": side, "status": "open", **({"counterparty": party} if party else {})})
            cells = [Cell(decimal_of(c.get(key)), history) for key, _ in BUCKETS]
            table.rows.append(Row(c.get("name") or party or "—", (*cells, Cell(decimal_of(c["total"]), history))))
        totals = body.get("totals") or {}
        table.rows.append(Row(gettext_("Total"), (*(Cell(decimal_of(totals.get(k))) for k, _ in BUCKETS),
                                           Cell(decimal_of(body.get("total")))), kind="total"))
        return table

    def _aged_receivables(self, body: Mapping[str, Any], table: Table) -> Table:
        return self._aged(body, table, "customers")

    def _aged_payables(self, body: Mapping[str, Any], table: Table) -> Table:
        return self._aged(body, table, "suppliers")

    def _vat_summary(self, body: Mapping[str, Any], table: Table) -> Table:
        table.columns = [gettext_("Period"), gettext_("VAT due"), gettext_("VAT deductible"), gettext_("Balance")]
        for p in body.get("periods") or ():
            due = Cell(decimal_of(p["due"]), self.entries(account="451", period=p["period"]))
            deductible = Cell(decimal_of(p["deductible"]), self.entries(account="411", period=p["period"]))
            table.rows.append(Row(p["period"], (due, deductible,
                                                Cell(decimal_of(p["balance"])))))
        total = body.get("total") or {}
        table.rows.append(Row(gettext_("Total"), tuple(Cell(decimal_of(total.get(k)))
                                                 for k in ("due", "deductible", "balance")), kind="total"))
        return table

    def _top_counterparties(self, body: Mapping[str, Any], table: Table) -> Table:
        year = body["year"]
        span = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
        table.columns = [gettext_("Counterparty"), gettext_("Amount")]
        for heading, part, accounts in ((gettext_("Customers by turnover"), "customers", "70"),
                                        (gettext_("Suppliers by charges"), "suppliers", COSTS)):
            table.rows.append(Row(heading, kind="heading"))
            for c in body.get(part) or ():
                link = self.entries(account=accounts, counterparty=c["counterparty"], **span)
                table.rows.append(Row(c.get("name") or c["counterparty"], (Cell(decimal_of(c["amount"]), link),)))
        return table


def query_of(name: str, year: str, as_of: str) -> dict[str, str]:
    """What reporting is asked for a report: its period (a year or a date), nothing else."""
    return {"year": year} if REPORTS[name][1] == "year" and year else (
        {"as_of": as_of} if REPORTS[name][1] == "as_of" and as_of else {})
