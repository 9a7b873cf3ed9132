"""Rules of the mailboxes: auto-transmission with the sender whitelist (ING-10), list sorting and paging."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ingest.domain.ports import Sort

MAILBOXES = ("purchases", "sales", "misc")
SORTABLE = {"created_at": "created_at", "filename": "lower(filename)", "page_count": "page_count",
            "size": "size_bytes", "sent_at": "sent_at", "sender": "lower(sender)"}
MAX_PER_PAGE = 200


def auto_transmits(settings: Mapping[str, Any], mailbox: str, sender: str | None) -> bool:
    """ING-10: whether a document of this mailbox from this sender skips the mailbox (purchases, sales only)."""
    if mailbox not in ("purchases", "sales"):
        return False
    rule = ((settings or {}).get("auto_transmission") or {}).get(mailbox) or {}
    if not rule.get("enabled"):
        return False
    whitelist = [w.strip().lower() for w in rule.get("sender_whitelist") or () if w.strip()]
    if not whitelist:
        return True
    address = (sender or "").strip().lower()
    if not address:
        return False
    domain = "@" + address.rsplit("@", 1)[-1]
    return any(entry == address or (entry.startswith("@") and entry == domain) for entry in whitelist)


def parse_sort(sort: str | None) -> Sort:
    """The order a list's 'sort' parameter asks for (field, '-field' descending); unknown fields refused."""
    from ingest.domain.errors import InvalidSelection

    text = (sort or "-created_at").strip()
    field = text.lstrip("-+")
    if field not in SORTABLE:
        # the refused value is not repeated: a message echoing the request is how markup got into pages (issue 13)
        raise InvalidSelection(f"unknown sort field; choose one of {', '.join(sorted(SORTABLE))}")
    return Sort(field, text.startswith("-"))


def order_by(sort: str | Sort | None) -> str:
    """The SQL ORDER BY of a list's order (or of its 'sort' parameter)."""
    chosen = sort if isinstance(sort, Sort) else parse_sort(sort)
    direction = "DESC NULLS LAST" if chosen.descending else "ASC NULLS LAST"
    return f"{SORTABLE[chosen.field]} {direction}, id {'DESC' if chosen.descending else 'ASC'}"
