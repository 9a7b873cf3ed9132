"""A stored proposal: the columns lists filter and sort on, derived from its content, and its snapshot for undo."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

SNAPSHOT_FIELDS = ("content", "mailbox", "status", "auto_status", "help_needed", "help_note", "note", "comment",
                   "misc_type")


def list_columns(content: Mapping[str, Any]) -> dict[str, Any]:
    """The denormalised columns of a content (journal, period, dates, counterparty, gross, duplicate, search text)."""
    counterparty = content.get("counterparty") or {}
    gross = (content.get("totals") or {}).get("gross")
    words = [content.get("invoice_number"), content.get("document_number"), counterparty.get("name"),
             counterparty.get("vat_number"), content.get("payment_reference")]
    return {
        "origin": content.get("origin"),
        "journal_code": (content.get("journal") or {}).get("code"),
        "period_code": (content.get("period") or {}).get("code"),
        "invoice_date": content.get("invoice_date"),
        "invoice_number": content.get("invoice_number"),
        "document_number": content.get("document_number"),
        "counterparty_name": counterparty.get("name"),
        "counterparty_status": counterparty.get("status"),
        "gross": Decimal(gross) if gross not in (None, "") else None,
        "duplicate": any(w.get("code") == "duplicate" for w in content.get("warnings") or ()),
        "search": " ".join(str(w).lower() for w in words if w),
    }


def snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    """What undo restores: the content and the person-set fields of a stored proposal."""
    return {k: row.get(k) for k in SNAPSHOT_FIELDS}


def accounts_of(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The GL accounts of the lines, once each, with the suspense flag (WL-2, suspense in red)."""
    seen: dict[str, bool] = {}
    for line in content.get("lines") or ():
        seen[line["account"]] = seen.get(line["account"], False) or bool(line.get("suspense"))
    return [{"code": code, "suspense": suspense} for code, suspense in seen.items()]


def vat_rates_of(content: Mapping[str, Any]) -> list[str]:
    """The VAT rates of the lines, once each, in order."""
    rates: list[str] = []
    for line in content.get("lines") or ():
        rate = line.get("vat_rate")
        if rate is not None and str(rate) not in rates:
            rates.append(str(rate))
    return rates
