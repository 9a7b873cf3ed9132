"""The annotation screen's form (WL-5..8): the values it shows, and the worklist ``Edit`` a submitted form becomes.

Inputs are named by the worklist's field paths (``invoice_number``, ``totals.gross``, ``lines.2.account``),
so an error the worklist names frames the very input. Amounts may be sums (``12+25``): they are
computed here (``arithmetic``) before anything is sent, and a bad one is named without sending.
A submitted form always comes back with what the user typed, never with the stored values.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.domain.arithmetic import ArithmeticInputError, evaluate
from portal.i18n import N_

HEADER = ("mailbox", "document_kind", "journal", "period", "invoice_number", "invoice_date", "due_date",
          "payment_reference", "comment", "note")
COUNTERPARTY = ("reference", "name", "vat_number", "country", "iban")
TOTALS = ("net", "vat", "gross")
LINE = ("account", "vat_code", "vat_rate", "net_amount", "vat_amount", "description", "note")
AMOUNTS = frozenset({"totals.net", "totals.vat", "totals.gross", "vat_rate", "net_amount", "vat_amount"})
MANDATORY = ("journal", "period", "invoice_date", "invoice_number", "counterparty.name", "totals.gross")
_LINE_NAME = re.compile(r"^lines\.(\d+)\.(\w+)$")
BAD_AMOUNT = N_("Not a number or a sum of numbers (e.g. 12+25).")


@dataclass
class Values:
    """What the form shows: flat fields by path, the lines in order, and the version it was loaded at."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: list[dict[str, str]] = field(default_factory=list)
    version: str = ""

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def values_of(proposal: Mapping[str, Any]) -> Values:
    """The form's values from a stored proposal."""
    fields = {name: _text(proposal.get(name)) for name in HEADER}
    journal, period = proposal.get("journal"), proposal.get("period")
    fields["journal"] = _text(journal.get("code") if isinstance(journal, Mapping) else journal)
    fields["period"] = _text(period.get("code") if isinstance(period, Mapping) else period)
    counterparty = proposal.get("counterparty") or {}
    fields.update({f"counterparty.{k}": _text(counterparty.get(k)) for k in COUNTERPARTY})
    totals = proposal.get("totals") or {}
    fields.update({f"totals.{k}": _text(totals.get(k)) for k in TOTALS})
    lines = [{k: _text(line.get(k)) for k in LINE} for line in proposal.get("lines") or ()]
    return Values(fields, lines, _text(proposal.get("version")))


def values_from_form(form: Any) -> Values:
    """The form's values as submitted (lines in the order of their row numbers; empty rows dropped)."""
    fields = {name: form.get(name) for name in HEADER}
    fields.update({f"counterparty.{k}": form.get(f"counterparty.{k}") for k in COUNTERPARTY})
    fields.update({f"totals.{k}": form.get(f"totals.{k}") for k in TOTALS})
    rows: dict[int, dict[str, str]] = {}
    for name in form.values:
        match = _LINE_NAME.match(name)
        if match and match.group(2) in LINE:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = form.get(name)
    lines = [{k: row.get(k, "") for k in LINE} for number, row in sorted(rows.items())
             if any(row.get(k) for k in LINE) and form.get(f"lines.{number}.deleted") != "1"]
    return Values(fields, lines, form.get("version"))


def _amount(value: str, path: str, errors: dict[str, str]) -> str | None:
    if not value.strip():
        return None
    try:
        return str(evaluate(value))
    except ArithmeticInputError:
        errors[path] = BAD_AMOUNT
        return value


def edit_of(values: Values, original: Values, *, review: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """The worklist Edit for what changed, and the inputs refused here (by path) — nothing is sent if any."""
    errors: dict[str, str] = {}
    edit: dict[str, Any] = {}
    if values.version.isdigit():
        edit["version"] = int(values.version)
    for name in HEADER:
        if values.get(name) != original.get(name):
            edit[name] = values.get(name) or None
    totals = {k: _amount(values.get(f"totals.{k}"), f"totals.{k}", errors) for k in TOTALS}
    if any(totals[k] != (original.get(f"totals.{k}") or None) for k in TOTALS):
        edit["totals"] = totals
    lines = []
    for number, line in enumerate(values.lines, start=1):
        sent = {k: line.get(k) or None for k in LINE}
        for k in ("vat_rate", "net_amount", "vat_amount"):
            sent[k] = _amount(line.get(k, ""), f"lines.{number}.{k}", errors)
        lines.append(sent)
    if lines != [{k: (v or None) for k, v in line.items()} for line in original.lines]:
        edit["lines"] = lines
    counterparty = _counterparty(values, original)
    if counterparty is not None:
        edit["counterparty"] = counterparty
    if review:
        edit["review"] = True
    return edit, errors


def _counterparty(values: Values, original: Values) -> dict[str, Any] | None:
    """Unchanged: None; a chosen known one: its reference; otherwise the new one by name / VAT number (WL-7)."""
    keys = [f"counterparty.{k}" for k in COUNTERPARTY]
    if all(values.get(k) == original.get(k) for k in keys):
        return None
    reference = values.get("counterparty.reference")
    if reference and reference != original.get("counterparty.reference"):
        return {"reference": reference}
    new = {k: values.get(f"counterparty.{k}") or None for k in COUNTERPARTY if k != "reference"}
    return {k: v for k, v in new.items() if v is not None} or None


def missing_of(values: Values) -> list[str]:
    """The mandatory inputs that are empty (framed red, WL-5)."""
    return [name for name in MANDATORY if not values.get(name).strip()]
