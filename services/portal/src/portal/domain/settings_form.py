"""Dossier settings (DOS-2, DOS-3) between the office's JSON and a form a person fills in.

Every override can be "office default" (null: inherit) or a value; the client Administrator
may only change the client-editable keys (auto-transmission, payment date, dashboard accounts); the
dossier's language is the office's (office ``CLIENT_EDITABLE``). Functions here are pure: a form is a mapping of name → list of values.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

INHERIT = ""
TRI_STATE_KEYS: tuple[str, ...] = (
    "direct_booking", "vat_exempt", "payment_module", "payment_preparation", "nightly_sync", "financial_tab",
    "hide_financial_data", "key_figures_closed_periods_only", "sales_number_check",
)
CHOICE_KEYS: tuple[str, ...] = ("portal_scope", "validation_mode")
CLIENT_KEYS: tuple[str, ...] = ("auto_transmission", "default_payment_date", "dashboard_accounts")
MAILBOXES: tuple[str, ...] = ("purchases", "sales")
MAX_KEYWORDS = 4
Form = Mapping[str, Sequence[str]]


def _one(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[-1].strip()


def tri_state(raw: str) -> bool | None:
    """'true' → True, 'false' → False, anything else → None (inherit the office default)."""
    return {"true": True, "false": False}.get(raw)


def tri_state_value(overrides: Mapping[str, Any], key: str) -> str:
    """The select value for a key: '' when inherited, else 'true'/'false'."""
    if overrides.get(key) is None:
        return INHERIT
    return "true" if overrides[key] else "false"


def split_list(text: str) -> list[str]:
    """Items separated by commas, semicolons or new lines, blanks dropped."""
    for sep in (";", "\n"):
        text = text.replace(sep, ",")
    return [item.strip() for item in text.split(",") if item.strip()]


def client_patch(form: Form) -> dict[str, Any]:
    """The client-editable part of a settings form as a DossierSettingsPatch."""
    transmission = {
        box: {"enabled": bool(_one(form, f"auto_{box}")), "sender_whitelist": split_list(_one(form, f"whitelist_{box}"))}
        for box in MAILBOXES
    }
    return {
        "auto_transmission": transmission,
        "default_payment_date": _one(form, "default_payment_date") or None,
        "dashboard_accounts": split_list(_one(form, "dashboard_accounts")) or None,
    }


def office_patch(form: Form, effective_journals: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The office-only part of a settings form as a DossierSettingsPatch (journals marked reviewed, if listed)."""
    patch: dict[str, Any] = {key: tri_state(_one(form, key)) for key in TRI_STATE_KEYS}
    patch.update({key: _one(form, key) or None for key in (*CHOICE_KEYS, "language")})
    keywords = [k.strip() for k in form.get("keywords", []) if k.strip()]
    patch["keywords"] = keywords[:MAX_KEYWORDS] if keywords else None
    patch["default_counterparty"] = _one(form, "default_counterparty") or None
    patch["rubrics_reviewed"] = bool(_one(form, "rubrics_reviewed"))
    if effective_journals and "journals_listed" in form:
        reviewed = set(form.get("journal_reviewed", []))
        patch["journals"] = [{**j, "reviewed": j.get("alias") in reviewed} for j in effective_journals]
    return patch


def settings_patch(form: Form, *, office: bool, effective_journals: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """What to PATCH: client-editable keys always, office-only keys when the user may configure the dossier."""
    patch = client_patch(form)
    if office:
        patch.update(office_patch(form, effective_journals))
    return patch
