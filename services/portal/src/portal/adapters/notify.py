"""notify's conversation API as the portal uses it, with the user's token (services/notify/README.md, COM-1, COM-4).

The unread counter of the navigation must never break a page: when notify cannot be reached it is None
(no badge) instead of an error.
"""
from __future__ import annotations

from typing import Any

import httpx
from fastapi import Request

from portal.adapters.bearer_client import BearerClient, service_http
from portal.adapters.office import OfficeError

TIMEOUT_S = 10.0


def notify_http(request: Request) -> httpx.AsyncClient:
    """The traced client to notify (BF_URL_NOTIFY), kept on the app (tests put their own there)."""
    return service_http(request, "notify", TIMEOUT_S)


class NotifyClient(BearerClient):
    """A dossier's conversations on behalf of the logged-in user."""

    service = "notify"

    async def conversations(self, dossier_id: str) -> list[dict[str, Any]]:
        return (await self.call("GET", f"/dossiers/{dossier_id}/conversations"))["conversations"]

    async def conversation(self, dossier_id: str, conversation_id: str) -> dict[str, Any]:
        """The thread with its messages; notify marks them read for the user."""
        return await self.call("GET", f"/dossiers/{dossier_id}/conversations/{conversation_id}")

    async def reply(self, dossier_id: str, conversation_id: str, text: str) -> dict[str, Any]:
        return await self.call("POST", f"/dossiers/{dossier_id}/conversations/{conversation_id}/messages",
                               json={"text": text})

    async def start(self, dossier_id: str, subject: str, text: str,
                    recipient_user_id: str | None = None) -> dict[str, Any]:
        body = {"subject": subject, "text": text, "recipient_user_id": recipient_user_id or None}
        return await self.call("POST", f"/dossiers/{dossier_id}/conversations", json=body)

    async def close(self, dossier_id: str, conversation_id: str) -> None:
        await self.call("POST", f"/dossiers/{dossier_id}/conversations/{conversation_id}/close")

    async def unread(self, dossier_id: str) -> int | None:
        """The user's unread messages in the dossier; None when notify is down or refuses (no badge)."""
        try:
            return int((await self.call("GET", f"/dossiers/{dossier_id}/conversations/unread"))["messages"])
        except OfficeError:
            return None
