"""The sender: delivers queued mails over SMTP (COM-6), retrying with exponential backoff, a bounded number of times.

Each mail is claimed in its own transaction (FOR UPDATE SKIP LOCKED) and its outcome recorded before the
lock is released, so several notify replicas never send a mail twice at once. A crash between the SMTP
answer and the commit sends it again on restart (at least once); its Message-ID stays the same.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import asyncpg
from runtime.storage import ObjectNotFound, ObjectStorage

from notify.adapters import mail_queue
from notify.adapters.smtp import Attachment, PermanentMailError, SmtpMailer, build_message
from notify.domain.backoff import gives_up, retry_delay
from notify.entrypoints.metrics import MAIL_RETRIES, MAILS_FAILED, MAILS_SENT

log = logging.getLogger(__name__)


@dataclass
class Sender:
    """What the sender needs: the queue's pool, the SMTP server, the object store of attachments, the limits."""

    pool: asyncpg.Pool
    mailer: SmtpMailer
    store: ObjectStorage | None
    mail_from: str
    attachment_max_bytes: int = 10 * 1024 * 1024
    retry_first: timedelta = timedelta(seconds=30)
    retry_max: timedelta = timedelta(hours=2)
    max_attempts: int = 8

    @classmethod
    def from_settings(cls, pool: asyncpg.Pool, settings: Any, store: ObjectStorage | None) -> "Sender":
        s = settings
        return cls(pool, SmtpMailer.from_settings(s), store, s.notify_mail_from, s.notify_attachment_max_bytes,
                   timedelta(seconds=s.notify_retry_first_s), timedelta(seconds=s.notify_retry_max_s),
                   s.notify_max_attempts)


async def attachments(sender: Sender, refs: list[dict[str, Any]]) -> list[Attachment]:
    """The files to attach; a missing or too large one is left out (the mail links to the portal)."""
    found = []
    for ref in refs:
        if sender.store is None:
            break
        try:
            data = await sender.store.get_bytes(ref["storage_key"])
        except ObjectNotFound:
            log.warning("attachment %s not found: sent without it", ref.get("document_id") or ref["storage_key"])
            continue
        if len(data) > sender.attachment_max_bytes:
            log.info("attachment %s is %d bytes, over the limit: not attached", ref.get("document_id"), len(data))
            continue
        found.append(Attachment(ref["filename"], ref["content_type"], data))
    return found


async def deliver(sender: Sender, conn: asyncpg.Connection, mail: dict[str, Any]) -> str:
    """Try to send one claimed mail and record the outcome; returns sent, retry or failed."""
    try:
        files = await attachments(sender, mail["attachments"] or [])
        await sender.mailer.send(build_message(mail, sender.mail_from, files))
    except PermanentMailError as exc:
        return await _give_up(conn, mail, str(exc))
    except Exception as exc:  # noqa: BLE001 - SMTP or S3 unreachable, 4xx: retried later, bounded
        attempts = mail["attempts"] + 1
        error = f"{type(exc).__name__}: {exc}"
        if gives_up(attempts, sender.max_attempts):
            return await _give_up(conn, mail, error)
        at = datetime.now(timezone.utc) + retry_delay(attempts, sender.retry_first, sender.retry_max)
        await mail_queue.retry(conn, mail["id"], error, at)
        MAIL_RETRIES.inc()
        log.warning("mail %s attempt %d failed, next at %s: %s", mail["id"], attempts, at.isoformat(), error)
        return "retry"
    await mail_queue.sent(conn, mail["id"])
    MAILS_SENT.labels(mail["template"]).inc()
    log.info("mail %s (%s) sent", mail["id"], mail["template"])
    return "sent"


async def _give_up(conn: asyncpg.Connection, mail: dict[str, Any], error: str) -> str:
    await mail_queue.failed(conn, mail["id"], error)
    MAILS_FAILED.labels(mail["template"]).inc()
    log.error("mail %s (%s) failed for good: %s", mail["id"], mail["template"], error)
    return "failed"


async def send_due(sender: Sender) -> int:
    """Deliver every mail due now, each in its own transaction; returns how many were tried."""
    tried = 0
    while True:
        async with sender.pool.acquire() as conn, conn.transaction():
            mail = await mail_queue.claim(conn)
            if mail is None:
                return tried
            await deliver(sender, conn, mail)
            tried += 1


async def run(sender: Sender, stop: asyncio.Event, interval_s: float) -> None:
    """Deliver due mails every `interval_s` until `stop` is set."""
    while not stop.is_set():
        try:
            await send_due(sender)
        except Exception:  # noqa: BLE001 - database away: the next tick tries again
            log.exception("sender tick failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except asyncio.TimeoutError:
            pass
