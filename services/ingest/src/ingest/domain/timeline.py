"""Where a sent document is on its way to the books (ING-9, issue 15 item 5): the client's view of its timeline.

in processing (sent, being read) → at the office (a booking proposal exists) → booked; a posting the accounting
software refused shows as refused until the office corrects and sends it again.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

SentState = Literal["processing", "at_office", "refused", "booked"]
SENT_STATUSES = ("processing", "processed", "booked")
# a state as a filter: the document statuses it covers and whether a refusal must be on record (None: either)
STATE_FILTERS: dict[str, tuple[tuple[str, ...], bool | None]] = {
    "processing": (("processing",), None), "at_office": (("processed",), False),
    "refused": (("processed",), True), "booked": (("booked",), None),
}


def sent_state(doc: Mapping[str, Any]) -> SentState:
    """The state of a sent document from its status and refusal."""
    if doc.get("status") == "booked":
        return "booked"
    if doc.get("status") == "processing":
        return "processing"
    return "refused" if doc.get("refused_at") else "at_office"
