"""The worklist service's HTTP API as the portal uses it, with the user's token (services/worklist/API.md).

Errors become ``WorklistError`` (a ServiceCallError, shown as any service's), with every field the worklist
named in ``details`` (full paths such as ``lines.2.account``) so the annotation screen can frame them.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from portal.adapters.bearer_client import BearerClient
from portal.adapters.service_errors import ServiceCallError
from portal.i18n import codes

LISTS = ("purchases", "sales", "misc")


class WorklistError(ServiceCallError):
    """What the worklist refused (status, code, every field named in ``details``)."""

    service = "worklist"


class WorklistClient(BearerClient):
    """Calls the worklist on behalf of the logged-in user."""

    error = WorklistError

    async def rows(self, dossier_id: str, kind: str, **query: Any) -> dict[str, Any]:
        """One list (purchases, sales, misc) with the list query (filters, sort, page)."""
        return await self.call("GET", f"/dossiers/{dossier_id}/worklists/{kind}", params=_params(query))

    async def proposal(self, dossier_id: str, proposal_id: str) -> dict[str, Any]:
        return await self.call("GET", f"/dossiers/{dossier_id}/proposals/{proposal_id}")

    async def words(self, dossier_id: str, proposal_id: str) -> Any:
        """The recognised words of the proposal's document (WL-5 overlay); None when it has none."""
        try:
            return await self.call("GET", f"/dossiers/{dossier_id}/proposals/{proposal_id}/words")
        except WorklistError as exc:
            if exc.status == 404:
                return None
            raise

    async def neighbours(self, dossier_id: str, proposal_id: str, **query: Any) -> dict[str, Any]:
        return await self.call("GET", f"/dossiers/{dossier_id}/proposals/{proposal_id}/neighbours",
                               params=_params(query))

    async def save(self, dossier_id: str, proposal_id: str, edit: dict[str, Any], **query: Any) -> dict[str, Any]:
        """PATCH with an Edit; the list query on the URL makes next_id / previous_id follow that list."""
        return await self.call("PATCH", f"/dossiers/{dossier_id}/proposals/{proposal_id}", json=edit,
                               params=_params(query))

    async def create_manual(self, dossier_id: str, entry: dict[str, Any]) -> dict[str, Any]:
        """A booking without a document (REC-2 manual, issue 15 item 13): ``entry`` is an Edit with its mailbox."""
        return await self.call("POST", f"/dossiers/{dossier_id}/proposals", json=entry)

    async def undo(self, dossier_id: str, proposal_id: str) -> dict[str, Any]:
        return await self.call("POST", f"/dossiers/{dossier_id}/proposals/{proposal_id}/undo")

    async def choices(self, dossier_id: str) -> dict[str, Any]:
        return await self.call("GET", f"/dossiers/{dossier_id}/choices")

    async def counterparties(self, dossier_id: str, q: str) -> list[dict[str, Any]]:
        answer = await self.call("GET", f"/dossiers/{dossier_id}/counterparties", params={"q": q})
        return answer.get("items", []) if isinstance(answer, dict) else list(answer or [])

    async def bulk(self, dossier_id: str, action: str, ids: Sequence[str], **extra: Any) -> dict[str, Any]:
        """check, send, change or delete many proposals: ``{"done": [...], "refused": [...]}``."""
        body = {"proposal_ids": list(ids), **{k: v for k, v in extra.items() if v not in (None, "")}}
        return await self.call("POST", f"/dossiers/{dossier_id}/proposals/{action}", json=body)

    async def delete(self, dossier_id: str, proposal_id: str) -> None:
        await self.call("DELETE", f"/dossiers/{dossier_id}/proposals/{proposal_id}")

    async def help(self, dossier_id: str, proposal_id: str, needed: bool, note: str = "") -> dict[str, Any]:
        body: dict[str, Any] = {"needed": needed}
        if note:
            body["note"] = note
        return await self.call("POST", f"/dossiers/{dossier_id}/proposals/{proposal_id}/help", json=body)

    async def counters(self, dossier_ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        """ACT-1 counters of the dossiers the caller reaches (all of them when none is named)."""
        params = [("dossier_id", d) for d in dossier_ids]
        return (await self.call("GET", "/monitor/counters", params=params))["items"]


def _params(query: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in query.items() if v not in (None, "")}


def refusals(error: ServiceCallError, language: str = "en") -> dict[str, str]:
    """The worklist's field messages by full path (``lines.2.account``), for framing each bad input, said in the
    reader's language from their codes (the worklist's words for a code the portal does not know; issue 15 item 3)."""
    return {item["field"]: codes.say(codes.WORKLIST_FIELDS, item.get("code"), item.get("params"), language,
                                     item["message"]) for item in error.details}
