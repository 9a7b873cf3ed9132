"""The Messages page of a dossier (COM-1..COM-4): its conversations with unread badges, the form to start one and
COM-2's "VAT return OK" (the confirmed periods, and the choice for who may confirm). Rendered by the pages that
come back to it (message_pages, vat_return_pages)."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User
from portal.entrypoints.http.message_nav import notify_for


def vat_periods(today: date) -> list[str]:
    """The periods offered: this and the three previous quarters, then this and the eleven previous months."""
    quarter = (today.month - 1) // 3
    quarters = [f"{(today.year * 4 + quarter - i) // 4}-Q{(quarter - i) % 4 + 1}" for i in range(4)]
    months = [f"{(today.year * 12 + today.month - 1 - i) // 12}-{(today.month - 1 - i) % 12 + 1:02d}"
              for i in range(12)]
    return quarters + months


async def _vat(user: User, dossier_id: str) -> dict[str, Any]:
    try:
        confirmations = await notify_for(user).vat_confirmations(dossier_id)
    except ServiceCallError:
        confirmations = []  # the conversations stay readable when this part cannot be shown
    may = user.may("vat_return.confirm", dossier_id)
    return {"vat_confirmations": confirmations, "may_confirm_vat": may,
            "vat_periods": vat_periods(date.today()) if may else []}


async def _client_users(user: User, dossier_id: str) -> list[dict[str, Any]]:
    """The dossier's active client users an office user may address a conversation to (none if not allowed)."""
    if not user.is_collaborator or not user.may("dossier.users.view", dossier_id):
        return []
    return [u for u in (await user.api.get(f"/dossiers/{dossier_id}/users"))["items"] if u.get("active", True)]


async def templates(user: User, dossier_id: str, recipient: str | None) -> list[dict[str, Any]]:
    """COM-5: the templates an office user may start from, filled for the recipient; none for a client user or
    when notify cannot say (the form works without them)."""
    if not user.is_collaborator or not user.may("conversation.start", dossier_id):
        return []
    try:
        return (await notify_for(user).templates(dossier_id, recipient or None))["templates"]
    except ServiceCallError:
        return []


async def list_page(user: User, dossier_id: str, *, errors: dict[str, str] | None = None,
                    values: dict[str, str] | None = None, status: int = 200, **extra: Any) -> Response:
    """The page; ``extra`` carries a part's outcome (vat_done, vat_error), ``archived`` (the archived list) or
    ``templates`` (COM-5, already fetched)."""
    extra = {"vat_done": None, "vat_error": None, "archived": False, **extra}
    if "templates" not in extra:
        extra["templates"] = await templates(user, dossier_id, (values or {}).get("recipient_user_id"))
    threads = await notify_for(user).conversations(dossier_id, archived=extra["archived"])
    return user.page("messages.html", dossier_id=dossier_id, threads=threads, errors=errors or {},
                     values=values or {}, client_users=await _client_users(user, dossier_id),
                     may_start=user.may("conversation.start", dossier_id), **await _vat(user, dossier_id),
                     **await dossier_context(user, dossier_id), status=status, **extra)
