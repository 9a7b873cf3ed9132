"""E-mail messages read with the standard library: sender, subject, Message-ID, text and the attached files."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from ingest.domain.errors import UnreadableMail
from ingest.domain.files import IncomingFile

_DOCUMENT_TYPES = {"application/pdf", "application/xml", "text/xml", "application/zip", "application/x-zip-compressed"}
MAX_BODY = 4000
MAX_NESTED_PARTS = 50
# a Content-Type header (folded lines and comments included) naming a part that holds parts: the nesting depth
# of a mail is at most twice their number (a digest's parts are messages without saying so)
_CONTAINER = re.compile(rb"^content-type:(?:[^\n]|\n[ \t])*?(?:multipart|message)/", re.I | re.M)


@dataclass(frozen=True)
class Mail:
    """What ingest keeps of an e-mail: who sent it, its subject, id and text, and its files."""

    message_id: str
    sender: str | None
    subject: str | None
    body: str
    files: list[IncomingFile]


def _is_document(part: EmailMessage) -> bool:
    disposition = part.get_content_disposition()
    if disposition == "attachment":
        return True
    if part.get_content_maintype() == "multipart" or part.get_content_type() in ("text/plain", "text/html"):
        return False
    if part.get_content_type() in _DOCUMENT_TYPES:
        return True  # inline PDFs and XML count
    # inline images without a Content-ID are photos; with one they are logos of an HTML signature
    return part.get_content_maintype() == "image" and part.get("Content-ID") is None and bool(part.get_filename())


def _body(message: EmailMessage) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
    except (LookupError, KeyError, ValueError):
        text = ""
    return " ".join(str(text).split())[:MAX_BODY]


def read(raw: bytes, max_nested_parts: int = MAX_NESTED_PARTS) -> Mail:
    """The parts of a raw RFC 5322 message that matter to ingest (a mail without Message-ID gets its digest).

    UnreadableMail when it declares more than ``max_nested_parts`` multipart/message parts (counted before
    parsing: the standard library parser recurses once per level) or cannot be parsed at all."""
    containers = len(_CONTAINER.findall(raw))
    if containers > max_nested_parts:
        raise UnreadableMail(f"the message has {containers} nested multipart or message parts, at most "
                             f"{max_nested_parts}")
    try:
        return _read(raw)
    except RecursionError as exc:
        raise UnreadableMail("the message is nested too deeply to be read") from exc
    except Exception as exc:  # noqa: BLE001 - the stdlib parser's failures on hostile input are not typed
        raise UnreadableMail("the message is malformed and cannot be read") from exc


def _read(raw: bytes) -> Mail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    files = []
    for number, part in enumerate(message.walk(), 1):
        if part.is_multipart() or not _is_document(part):
            continue
        data = part.get_payload(decode=True) or b""
        files.append(IncomingFile(part.get_filename() or f"attachment-{number}", data))
    message_id = str(message.get("Message-ID") or "").strip() or "sha256:" + hashlib.sha256(raw).hexdigest()
    sender = parseaddr(str(message.get("From") or ""))[1] or None
    subject = str(message.get("Subject") or "")[:300] or None
    return Mail(message_id[:300], sender, subject, _body(message), files)
