"""A dossier's synchronisation as the office sees it (SYN-4, SYN-5, ACT-2): the texts of reasons and outcomes, what
a run changed, and the sync request a form asks for."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from portal.i18n import N_

REASONS = {"manual": N_("Manual"), "nightly": N_("Nightly"), "full": N_("Full resync"),
           "posting": N_("After postings"), "activation": N_("Activation")}
OUTCOMES = {"succeeded": N_("Succeeded"), "failed": N_("Failed")}
MANUAL_FIELDS = ("updated_up_to", "new_active_period", "reset_sent_counter", "notify_client")
CONFIRM = N_("Tick the box to confirm the full resynchronisation.")
REQUESTED = N_("The sync is asked for. It runs in the background: its run appears in the list below when it is done "
               "(reload the page).")


def changed(run: Mapping[str, Any]) -> dict[str, int]:
    """What a run changed, summed over the kinds of records: new, changed and removed."""
    totals = {"created": 0, "updated": 0, "deleted": 0}
    for change in run.get("changes") or ():
        for key in totals:
            totals[key] += int(change.get(key) or 0)
    return totals


def manual_request(form: Mapping[str, str]) -> dict[str, Any]:
    """The manual sync (SYN-4) a form asks for: only the fields filled in, the ticks as booleans."""
    body: dict[str, Any] = {"reason": "manual", "reset_sent_counter": form.get("reset_sent_counter") == "true",
                            "notify_client": form.get("notify_client") == "true"}
    for name in ("updated_up_to", "new_active_period"):
        value = (form.get(name) or "").strip()
        if value:
            body[name] = value
    return body


def full_request(form: Mapping[str, str]) -> dict[str, Any]:
    """The full resync (SYN-5): only the client e-mail may go with it."""
    return {"reason": "full", "notify_client": form.get("notify_client") == "true"}


def period_choices(periods: Sequence[str], active: str | None) -> list[tuple[str, str]]:
    """The periods after the active one (a new active period moves forward), newest last; '' keeps it."""
    later = [p for p in periods if not active or p > active]
    return [("", "—"), *((p, p) for p in later)]
