"""Mail out over SMTP (smtplib in a worker thread): plain, STARTTLS or implicit TLS, optional login."""
from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr
from typing import Any


class PermanentMailError(Exception):
    """The server refused the mail for good (5xx): retrying changes nothing."""


class TransientMailError(Exception):
    """The server was unreachable or answered 4xx: try again later."""


@dataclass(frozen=True)
class Attachment:
    """A file to attach."""

    filename: str
    content_type: str
    data: bytes


def build_message(mail: dict[str, Any], sender: str, attachments: Sequence[Attachment] = ()) -> EmailMessage:
    """The MIME message of a queued mail; its Message-ID is stable (the mail's id), so a resend is recognisable."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = formataddr((mail.get("to_name") or "", mail["to_address"]))
    msg["Subject"] = mail["subject"]
    msg["Date"] = formatdate(localtime=False)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "bookingfactory.local"
    msg["Message-ID"] = f"<{mail['id']}@{domain}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(mail["body"])
    if mail.get("html"):
        msg.add_alternative(mail["html"], subtype="html")
    for a in attachments:
        maintype, _, subtype = a.content_type.partition("/")
        if not subtype:
            maintype, subtype = "application", "octet-stream"
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.filename)
    return msg


class SmtpMailer:
    """Sends messages to one SMTP server; every call has a timeout."""

    def __init__(self, host: str, port: int, *, tls: str = "none", username: str = "", password: str = "",
                 timeout_s: float = 30.0) -> None:
        if tls not in ("none", "starttls", "tls"):
            raise ValueError("BF_NOTIFY_SMTP_TLS must be none, starttls or tls")
        self.host, self.port, self.tls = host, port, tls
        self.username, self.password, self.timeout = username, password, timeout_s

    @classmethod
    def from_settings(cls, s: Any) -> "SmtpMailer":
        return cls(s.notify_smtp_host, s.notify_smtp_port, tls=s.notify_smtp_tls, username=s.notify_smtp_username,
                   password=s.notify_smtp_password, timeout_s=s.notify_smtp_timeout_s)

    async def send(self, msg: EmailMessage) -> None:
        """Deliver `msg`; PermanentMailError or TransientMailError when it could not be."""
        await asyncio.to_thread(self._send, msg)

    def _send(self, msg: EmailMessage) -> None:
        try:
            with self._connect() as smtp:
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            error = PermanentMailError if all(c >= 500 for c in codes) else TransientMailError
            raise error(f"recipient refused: {codes}") from exc
        except smtplib.SMTPResponseException as exc:
            error = PermanentMailError if exc.smtp_code >= 500 else TransientMailError
            raise error(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"[:500]) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TransientMailError(f"{type(exc).__name__}: {exc}"[:500]) from exc

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.tls == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.tls == "starttls":
            try:
                smtp.starttls(context=context)
            except BaseException:
                smtp.close()
                raise
        return smtp

