"""ING-2: the SMTP server (aiosmtpd) on loopback: mail to a dossier's mailbox address becomes documents.

Unknown recipients get a 550 (an archived dossier's address the same: nothing tells them apart); a client
address with too many unknown recipients in a while gets 450 for every recipient until it calms down, so
mailbox addresses cannot be probed (issue 13). A mail with more attachments than allowed gets a 552, one
nested too deeply or not readable a 554, and no answer carries an exception's text (nothing stored in either
case); the same Message-ID delivered twice to a mailbox is stored once; a mail without attachments is kept as
a note.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from ingest.adapters import mail
from ingest.domain.dossier import Dossier
from ingest.domain.errors import UnreadableMail
from ingest.domain.mail import DeliveredMail
from ingest.domain.throttle import FailureThrottle
from ingest.handlers.context import Deps, Origin
from ingest.handlers.intake import intake

log = logging.getLogger(__name__)


class MailboxHandler:
    """The aiosmtpd handler: accepts known dossier addresses only and delivers each mail once per mailbox."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        s = deps.settings
        self.probes = FailureThrottle(s.ingest_smtp_rcpt_failures, s.ingest_smtp_rcpt_window_s)

    async def _find(self, address: str) -> tuple[Dossier, str] | None:
        async with self.deps.uow() as uow:
            return await uow.dossiers.by_address(address)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        client = str(session.peer[0]) if session.peer else "unknown"
        if self.probes.blocked(client):
            log.warning("SMTP recipient refused: %s tried too many unknown recipients", client)
            return "450 4.7.1 too many unknown recipients from your address: try again later"
        if await self._find(address) is None:
            self.probes.fail(client)
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_exception(self, error: Exception) -> str:
        """aiosmtpd's answer to an error no handler caught: logged here, never shown to the client."""
        log.error("SMTP session failed", exc_info=error)
        return "451 4.3.0 temporary failure, try again later"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        try:
            message = await asyncio.to_thread(mail.read, envelope.original_content or envelope.content,
                                              self.deps.settings.ingest_smtp_max_mime_parts)
        except UnreadableMail as exc:
            log.info("mail refused: %s", exc.message)
            return f"554 5.6.0 {exc.message}: nothing was stored"
        limit = self.deps.settings.ingest_max_files
        if len(message.files) > limit:
            return f"552 5.3.4 {len(message.files)} attachments, at most {limit} per message: nothing was stored"
        for address in envelope.rcpt_tos:
            try:
                await self.deliver(address, message, envelope.mail_from)
            except Exception:  # noqa: BLE001 - the sender gets a temporary failure and retries
                log.exception("delivery to %s failed", address)
                return "451 4.3.0 temporary failure, try again later"
        return "250 2.0.0 accepted"

    async def deliver(self, address: str, message: mail.Mail, mail_from: str | None) -> None:
        """Store the mail's files in the address's mailbox, once per Message-ID; the rest is kept as a note."""
        found = await self._find(address)
        if found is None:
            return
        dossier, mailbox = found
        sender = message.sender or mail_from
        record = DeliveredMail(dossier.dossier_id, mailbox, message.message_id, sender, message.subject, message.body)
        async with self.deps.uow() as uow:
            if not await uow.mails.record(record):
                log.info("mail %s already delivered to %s", message.message_id, address)
                return
        origin = Origin("email", sender=sender, email_message_id=message.message_id,
                        email_subject=message.subject)
        problems: list[str] = []
        stored = 0
        if message.files:
            result = await intake(self.deps, dossier, mailbox, message.files, origin)
            problems = [f"{e.filename or 'attachment'}: {e.message}" for e in result.refused]
            stored = len(result.documents) + len(result.duplicates)
        async with self.deps.uow() as uow:
            await uow.mails.finish(dossier.dossier_id, mailbox, message.message_id, stored, problems)


async def start_smtp(deps: Deps, host: str, port: int) -> asyncio.AbstractServer:
    """Listen for SMTP on host:port in the running loop (the ingest service process)."""
    handler = MailboxHandler(deps)
    limit = deps.settings.ingest_max_mail_bytes

    def factory() -> SMTP:
        return SMTP(handler, data_size_limit=limit, enable_SMTPUTF8=True, hostname="bf-ingest",
                    ident="booking factory ingest")

    server = await asyncio.get_running_loop().create_server(factory, host=host, port=port)
    log.info("ingest SMTP on %s:%s", host, port)
    return server


async def serve_until_cancelled(server: asyncio.AbstractServer) -> Any:
    """Keep the SMTP server open until the task is cancelled, then close it."""
    try:
        await server.serve_forever()
    finally:
        server.close()
