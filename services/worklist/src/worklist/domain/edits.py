"""Applying a person's edit to a proposal's content (WL-5..8), checked field by field against the Choices.

Every bad field is reported at once (Invalid); nothing is applied when one is bad.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from stdnum import iban as iban_check
from stdnum import vatin

from worklist.domain.amounts import BadAmount, evaluate
from worklist.domain.choices import JOURNAL_TYPE_OF_MAILBOX, Choices
from worklist.domain.errors import FieldProblem, Invalid

TEXT_FIELDS = {"invoice_number": 100, "document_number": 100, "payment_reference": 200}
_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class _Problems(list[FieldProblem]):
    def add(self, field: str, code: str, message: str) -> None:
        self.append(FieldProblem(field, code, message))


def _date(value: Any, name: str, problems: _Problems) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        problems.add(name, "bad_date", f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _amount(value: Any, name: str, problems: _Problems, *, places: bool = True) -> str | None:
    try:
        return format(evaluate(value) if places else evaluate(value, places=None), "f")
    except BadAmount as exc:
        problems.add(name, "bad_amount", f"{value!r}: {exc}")
        return None


def journal(code: Any, mailbox: str, choices: Choices, problems: _Problems) -> dict[str, Any] | None:
    """The JournalRef a journal code stands for, checked against the dossier's journals and the mailbox."""
    if code in (None, ""):
        return None
    wanted = JOURNAL_TYPE_OF_MAILBOX.get(mailbox)
    if choices.journals:
        found = choices.journals.get(str(code))
        if found is None:
            problems.add("journal", "unknown_journal", f"journal {code} is not a journal of the dossier")
            return None
        if wanted and found.get("type") != wanted:
            problems.add("journal", "journal_type", f"journal {code} is a {found.get('type')} journal, not {wanted}")
            return None
        return {"code": str(code), "type": found["type"], "name": found.get("name")}
    return {"code": str(code), "type": wanted or "misc", "name": None}


def period(code: Any, choices: Choices, problems: _Problems) -> dict[str, Any] | None:
    """The PeriodRef a period code stands for: a known open period (or YYYY-MM while none are known)."""
    if code in (None, ""):
        return None
    code = str(code)
    if choices.periods:
        found = choices.periods.get(code)
        if found is None:
            problems.add("period", "unknown_period", f"period {code} is not a period of the dossier")
            return None
        if found.get("state", "open") != "open":
            problems.add("period", "closed_period", f"period {code} is {found.get('state')}")
            return None
        return {"code": code, "start_date": found["start_date"], "end_date": found["end_date"]}
    match = _PERIOD.match(code)
    if not match or not 1 <= int(match.group(2)) <= 12:
        problems.add("period", "unknown_period", f"period {code} is unknown (no periods synchronised yet: use YYYY-MM)")
        return None
    year, month = int(match.group(1)), int(match.group(2))
    last = calendar.monthrange(year, month)[1]
    return {"code": code, "start_date": date(year, month, 1).isoformat(), "end_date": date(year, month, last).isoformat()}


def counterparty(value: Any, choices: Choices, problems: _Problems) -> dict[str, Any] | None:
    """A known counterparty by reference, or a new one by name (and VAT number, country, IBAN) (WL-7)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.add("counterparty", "bad_counterparty", "give {'reference'} or {'name', 'vat_number'?, ...}")
        return None
    if value.get("reference"):
        found = choices.counterparties.get(str(value["reference"]))
        if found is None:
            problems.add("counterparty.reference", "unknown_counterparty",
                         f"counterparty {value['reference']} is not known in the accounting software")
            return None
        ibans = found.get("ibans") or []
        return {"status": "known", "reference": found["reference"], "name": found.get("name"),
                "vat_number": found.get("vat_number"), "country": found.get("country"),
                "iban": ibans[0] if ibans else None}
    name = str(value.get("name") or "").strip()
    if not name:
        problems.add("counterparty.name", "required", "a new counterparty needs a name")
    out: dict[str, Any] = {"status": "new", "reference": None, "name": name[:200] or None,
                           "vat_number": None, "country": None, "iban": None}
    if value.get("vat_number"):
        vat = vatin.compact(str(value["vat_number"]))
        if not vatin.is_valid(vat):
            problems.add("counterparty.vat_number", "bad_vat_number", f"{value['vat_number']} is not a valid VAT number")
        else:
            out["vat_number"], out["country"] = vat, vat[:2]
    if value.get("country"):
        country = str(value["country"]).upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            problems.add("counterparty.country", "bad_country", f"{value['country']} is not a two-letter country code")
        else:
            out["country"] = country
    if value.get("iban"):
        if not iban_check.is_valid(str(value["iban"])):
            problems.add("counterparty.iban", "bad_iban", f"{value['iban']} is not a valid IBAN")
        else:
            out["iban"] = iban_check.compact(str(value["iban"]))
    return out


def lines(values: Any, choices: Choices, problems: _Problems) -> list[dict[str, Any]]:
    """The detail lines (WL-8), renumbered; each account and VAT code checked; suspense derived from the account."""
    if not isinstance(values, list):
        problems.add("lines", "bad_lines", "lines must be a list")
        return []
    out = []
    for index, line in enumerate(values, start=1):
        at = f"lines.{index}"
        if not isinstance(line, Mapping):
            problems.add(at, "bad_line", "a line must be an object")
            continue
        account = str(line.get("account") or "").strip()
        if not account:
            problems.add(f"{at}.account", "required", "a line needs an account")
        elif not choices.account_known(account):
            problems.add(f"{at}.account", "unknown_account", f"account {account} is not in the dossier's chart")
        vat_code = str(line["vat_code"]).strip() if line.get("vat_code") not in (None, "") else None
        if vat_code is not None and not choices.vat_code_known(vat_code):
            problems.add(f"{at}.vat_code", "unknown_vat_code", f"VAT code {vat_code} is not a VAT code of the dossier")
        rate = line.get("vat_rate")
        out.append({
            "line_no": index, "account": account, "vat_code": vat_code,
            "vat_rate": None if rate in (None, "") else _amount(rate, f"{at}.vat_rate", problems, places=False),
            "net_amount": _amount(line.get("net_amount", "0") or "0", f"{at}.net_amount", problems),
            "vat_amount": _amount(line.get("vat_amount", "0") or "0", f"{at}.vat_amount", problems),
            "description": (str(line["description"])[:500] or None) if line.get("description") else None,
            "note": (str(line["note"])[:2000] or None) if line.get("note") else None,
            "suspense": bool(account) and choices.is_suspense(account),
        })
    return out


def _totals(value: Any, current: Mapping[str, Any] | None, problems: _Problems) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.add("totals", "bad_totals", "totals must be {net, vat, gross}")
        return dict(current or {})
    out = dict(current or {"net": "0.00", "vat": "0.00", "gross": None})
    for key in ("net", "vat", "gross"):
        if key in value:
            out[key] = None if value[key] in (None, "") else _amount(value[key], f"totals.{key}", problems)
    return out


def _sum_lines(new_lines: list[dict[str, Any]]) -> dict[str, str]:
    net = sum((Decimal(line["net_amount"] or "0") for line in new_lines), Decimal("0.00"))
    vat = sum((Decimal(line["vat_amount"] or "0") for line in new_lines), Decimal("0.00"))
    return {"net": format(net, "f"), "vat": format(vat, "f"), "gross": format(net + vat, "f")}


def apply_edit(content: Mapping[str, Any], mailbox: str, edit: Mapping[str, Any], choices: Choices) -> tuple[dict[str, Any], str]:
    """The content and mailbox after the edit; Invalid names every refused field."""
    problems = _Problems()
    out = dict(content)
    mailbox = edit.get("mailbox") or mailbox
    if mailbox not in ("purchases", "sales", "misc"):
        problems.add("mailbox", "bad_mailbox", "mailbox must be purchases, sales or misc")
    if "document_kind" in edit:
        if edit["document_kind"] not in ("invoice", "credit_note"):
            problems.add("document_kind", "bad_kind", "document_kind must be invoice or credit_note")
        else:
            out["document_kind"] = edit["document_kind"]
    if "journal" in edit:
        out["journal"] = journal(edit["journal"], mailbox, choices, problems)
    elif "mailbox" in edit and out.get("journal") and JOURNAL_TYPE_OF_MAILBOX.get(mailbox) not in (None, out["journal"].get("type")):
        problems.add("journal", "journal_type", f"journal {out['journal']['code']} does not fit the {mailbox} list: choose another")
    if "period" in edit:
        out["period"] = period(edit["period"], choices, problems)
    for name in ("invoice_date", "due_date"):
        if name in edit:
            out[name] = _date(edit[name], name, problems)
    for name, limit in TEXT_FIELDS.items():
        if name in edit:
            text = None if edit[name] is None else str(edit[name]).strip()
            if text and len(text) > limit:
                problems.add(name, "too_long", f"at most {limit} characters")
            out[name] = text or None
    if "counterparty" in edit:
        out["counterparty"] = counterparty(edit["counterparty"], choices, problems)
    if "lines" in edit:
        out["lines"] = lines(edit["lines"] if edit["lines"] is not None else [], choices, problems)
    if "totals" in edit:
        out["totals"] = _totals(edit["totals"], content.get("totals"), problems)
    elif "lines" in edit and out["lines"]:
        out["totals"] = _sum_lines(out["lines"])
    if problems:
        raise Invalid.of(list(problems))
    return out, mailbox
