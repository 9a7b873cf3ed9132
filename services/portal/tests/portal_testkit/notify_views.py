"""How notify writes a conversation's messages in its answers, for the fake notify's routes (notify_fake*.py): the
fields of notify's response models (services/notify/src/notify/entrypoints/http/schemas.py), so the fake's answers
match docs/openapi/notify.json (tests/contracts/test_portal_fakes.py)."""
from __future__ import annotations

from typing import Any

WRITTEN = ("id", "author_side", "author_id", "author_name", "text", "attachments", "created_at")
EDITED = ("id", "author_side", "author_id", "author_name", "text", "created_at")


def written(message: dict[str, Any]) -> dict[str, Any]:
    """A message as notify answers one just written (``mails_queued`` added by the route)."""
    return {k: message[k] for k in WRITTEN}


def file_view(file: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in file.items() if k != "data"}


def thread_view(fake: Any, thread: dict[str, Any]) -> dict[str, Any]:
    """A thread with its messages, their receipts (who, when: the author's at writing) and files, as notify reads
    one."""
    def read_at(message: dict[str, Any], user_id: str) -> str:
        return message.get("read_at", {}).get(user_id, message["created_at"])

    return {**thread, "messages": [
        {**written(m), "edited_at": m["edited_at"], "files": [file_view(f) for f in m.get("files", ())],
         "read_by": [{"user_id": u, "read_at": read_at(m, u)} for u in sorted(m["read_by"])]}
        for m in fake.messages if m["conversation_id"] == thread["id"]]}
