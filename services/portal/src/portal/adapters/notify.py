"""notify's conversation API as the portal uses it, with the user's token (services/notify/README.md, COM-1, COM-4).

The unread counter of the navigation must never break a page: when notify cannot be reached it is None
(no badge) instead of an error.
"""
from __future__ import annotations

from typing import Any

from portal.adapters.bearer_client import BearerClient
from portal.adapters.service_errors import ServiceCallError


class NotifyError(ServiceCallError):
    """What notify refused: a conversation not found (404), closed (409), an invalid recipient (422)."""

    service = "notify"


class NotifyClient(BearerClient):
    """A dossier's conversations on behalf of the logged-in user."""

    error = NotifyError

    async def conversations(self, dossier_id: str, archived: bool = False) -> list[dict[str, Any]]:
        """The user's threads; the archived ones only (COM-4) with ``archived``."""
        params = {"archived": "true"} if archived else {}
        return (await self.call("GET", f"/dossiers/{dossier_id}/conversations", params=params))["conversations"]

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

    async def edit(self, dossier_id: str, conversation_id: str, message_id: str, text: str) -> dict[str, Any]:
        """COM-4: the user's own message gets a new text (403 for another's, 409 when closed)."""
        return await self.call("PATCH", f"/dossiers/{dossier_id}/conversations/{conversation_id}/messages/{message_id}",
                               json={"text": text})

    async def archive(self, dossier_id: str, conversation_id: str) -> None:
        """COM-4: a closed conversation leaves the default list."""
        await self.call("POST", f"/dossiers/{dossier_id}/conversations/{conversation_id}/archive")

    async def restore(self, dossier_id: str, conversation_id: str) -> None:
        """COM-4: an archived conversation is back in the default list."""
        await self.call("POST", f"/dossiers/{dossier_id}/conversations/{conversation_id}/restore")

    async def start_with_files(self, dossier_id: str, subject: str, text: str, recipient_user_id: str | None,
                               files: list[tuple[str, bytes, str]]) -> dict[str, Any]:
        """COM-1: a new conversation whose first message carries files (the same limits as a reply's)."""
        data = {"subject": subject, "text": text}
        if recipient_user_id:
            data["recipient_user_id"] = recipient_user_id
        parts = [("files", (name, body, kind)) for name, body, kind in files]
        return await self.call("POST", f"/dossiers/{dossier_id}/conversations/with-files", data=data, files=parts)

    async def reply_with_files(self, dossier_id: str, conversation_id: str, text: str,
                               files: list[tuple[str, bytes, str]]) -> dict[str, Any]:
        """COM-1: a message with attachments (PDF or images; notify refuses others 415, too large 413)."""
        parts = [("files", (name, data, kind)) for name, data, kind in files]
        return await self.call("POST", f"/dossiers/{dossier_id}/conversations/{conversation_id}/files",
                               data={"text": text}, files=parts or None)

    async def file(self, dossier_id: str, conversation_id: str, file_id: str) -> Any:
        """An attached file (the raw response: bytes, type, disposition) for who may see the thread."""
        return await self.call("GET", f"/dossiers/{dossier_id}/conversations/{conversation_id}/files/{file_id}",
                               raw=True)

    async def templates(self, dossier_id: str, recipient_user_id: str | None = None) -> dict[str, Any]:
        """COM-5: ``{language, templates: [{id, name, source, subject, text}]}`` filled for the dossier and the
        recipient (none: all full-access users), in the recipient's language."""
        params = {"recipient_user_id": recipient_user_id} if recipient_user_id else {}
        return await self.call("GET", f"/dossiers/{dossier_id}/conversation-templates", params=params)

    async def broadcast(self, dossier_ids: list[str], subject: str, text: str) -> dict[str, Any]:
        """COM-3: one conversation per dossier; ``{started, conversations, skipped}``."""
        return await self.call("POST", "/conversations/broadcast",
                               json={"dossier_ids": dossier_ids, "subject": subject, "text": text})

    async def vat_confirmations(self, dossier_id: str) -> list[dict[str, Any]]:
        """COM-2: the dossier's confirmed VAT periods, latest first."""
        return (await self.call("GET", f"/dossiers/{dossier_id}/vat-confirmations"))["confirmations"]

    async def confirm_vat(self, dossier_id: str, period: str) -> dict[str, Any]:
        """COM-2: all documents of the period are in; ``already`` when it had been confirmed (the first one)."""
        return await self.call("POST", f"/dossiers/{dossier_id}/vat-confirmations", json={"period": period})

    async def unread(self, dossier_id: str) -> int | None:
        """The user's unread messages in the dossier; None when notify is down or refuses (no badge)."""
        try:
            return int((await self.call("GET", f"/dossiers/{dossier_id}/conversations/unread"))["messages"])
        except ServiceCallError:
            return None

    async def mail_templates(self) -> list[dict[str, Any]]:
        """COM-5 (template.manage): every standard mail template ``{key, language, source, updated_at}``, source
        ``office`` where the office has its own version."""
        return (await self.call("GET", "/templates"))["templates"]

    async def mail_template(self, key: str, language: str) -> dict[str, Any]:
        """COM-5: the template in force ``{key, language, subject, body, html, source}`` (404 unknown key)."""
        return await self.call("GET", f"/templates/{key}/{language}")

    async def save_mail_template(self, key: str, language: str, subject: str, body: str,
                                 html: str | None = None) -> dict[str, Any]:
        """COM-5: the office's own version; notify renders it with sample values first (422 ``invalid_template``
        naming the problem) and answers ``{..., preview: {subject, body, html}}``."""
        return await self.call("PUT", f"/templates/{key}/{language}",
                               json={"subject": subject, "body": body, "html": html or None})

    async def reset_mail_template(self, key: str, language: str) -> None:
        """COM-5: back to the standard text (the office's version deleted)."""
        await self.call("DELETE", f"/templates/{key}/{language}")

    async def conversation_templates(self) -> list[dict[str, Any]]:
        """COM-5: the office's own conversation templates ``{id, name, language, subject, body, updated_at}``."""
        return (await self.call("GET", "/conversation-templates"))["templates"]

    async def add_conversation_template(self, name: str, language: str, subject: str, body: str) -> dict[str, Any]:
        """COM-5: a new conversation template of the office (422 naming a blank or too long field)."""
        return await self.call("POST", "/conversation-templates",
                               json={"name": name, "language": language, "subject": subject, "body": body})

    async def delete_conversation_template(self, template_id: str) -> None:
        """COM-5: deletes one of the office's conversation templates (404 when it is not the office's)."""
        await self.call("DELETE", f"/conversation-templates/{template_id}")
