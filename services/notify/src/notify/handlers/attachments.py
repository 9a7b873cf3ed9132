"""COM-1 attachments: a message with files from either side (a reply, or the first message of a new thread), and a
file downloaded by who may see its thread.

The files are checked (domain.attachments) and stored in the object store before the transaction that writes the
message and its file rows; the store is content-addressed, so a failed transaction leaves at most an object no row
names (as an upload's retry would store it once)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from runtime.storage import ObjectStorage

from notify.adapters import conversations, message_files, replica
from notify.domain import attachments
from notify.domain.conversations import Viewer
from notify.domain.errors import ConversationClosed, ConversationError, ConversationNotFound
from notify.handlers.conversations import addressee, author_name, open_new, read
from notify.handlers.message_mail import tell_other_side


async def _open_thread(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID, conversation_id: UUID,
                       viewer: Viewer, lock: bool = False) -> dict[str, Any]:
    thread = await conversations.thread(conn, dossier_id, conversation_id, viewer, lock=lock)
    if thread is None:
        raise ConversationNotFound("no such conversation in this dossier")
    if thread["status"] != "open":
        raise ConversationClosed("the conversation is closed")
    return thread


async def _write(conn: asyncpg.Connection, thread: dict[str, Any], viewer: Viewer, text: str,
                 checked: list[attachments.Attachment], keys: list[str], portal_url: str) -> dict[str, Any]:
    """The message with its file rows; the other side is mailed as for any message."""
    dossier = await replica.load(conn, thread["dossier_id"])
    message = await conversations.add(conn, thread, text, side=viewer.side, author_id=viewer.user_id,
                                      author_name=await author_name(conn, dossier, viewer))
    message["files"] = [await message_files.add(conn, message, thread, f, key)
                        for f, key in zip(checked, keys, strict=True)]
    message["mails_queued"] = await tell_other_side(conn, thread, message, dossier, portal_url)
    return message


async def start_with_files(pool: asyncpg.Pool, store: ObjectStorage, dossier_id: UUID, viewer: Viewer,
                           subject: str, text: str, recipient_user_id: UUID | None,
                           files: list[tuple[str | None, bytes]], portal_url: str) -> dict[str, Any]:
    """A new thread whose first message carries files (and a text, or not), addressed as a thread without files
    is; the files are refused (and nothing is stored) before the thread exists."""
    checked = attachments.check(files)
    if not text and not checked:
        raise ConversationError("a message needs a text or a file")
    dossier = await replica.load(pool, dossier_id)
    if dossier is None:
        raise ConversationNotFound("no such dossier")
    addressee(dossier, viewer, recipient_user_id)  # refuse before storing anything
    keys = [(await store.put_bytes(f.data, f.content_type)).key for f in checked]
    async with pool.acquire() as conn, conn.transaction():
        thread = await open_new(conn, await replica.load(conn, dossier_id), viewer, subject, recipient_user_id)
        await _write(conn, thread, viewer, text, checked, keys, portal_url)
    return await read(pool, dossier_id, thread["id"], viewer)


async def reply_with_files(pool: asyncpg.Pool, store: ObjectStorage, dossier_id: UUID, conversation_id: UUID,
                           viewer: Viewer, text: str, files: list[tuple[str | None, bytes]],
                           portal_url: str) -> dict[str, Any]:
    """A message (text, files or both) in an open thread; the other side is mailed as for any message."""
    checked = attachments.check(files)
    if not text and not checked:
        raise ConversationError("a message needs a text or a file")
    await _open_thread(pool, dossier_id, conversation_id, viewer)  # refuse before storing anything
    keys = [(await store.put_bytes(f.data, f.content_type)).key for f in checked]
    async with pool.acquire() as conn, conn.transaction():
        thread = await _open_thread(conn, dossier_id, conversation_id, viewer, lock=True)
        return await _write(conn, thread, viewer, text, checked, keys, portal_url)


async def download(pool: asyncpg.Pool, store: ObjectStorage, dossier_id: UUID, conversation_id: UUID,
                   file_id: UUID, viewer: Viewer) -> tuple[dict[str, Any], bytes]:
    """The file's row and bytes, when the caller may see its thread (otherwise not found, as for no such file)."""
    if await conversations.thread(pool, dossier_id, conversation_id, viewer) is None:
        raise ConversationNotFound("no such conversation in this dossier")
    found = await message_files.one(pool, conversation_id, file_id)
    if found is None:
        raise ConversationNotFound("no such file in this conversation")
    return found, await store.get_bytes(found["storage_key"])
