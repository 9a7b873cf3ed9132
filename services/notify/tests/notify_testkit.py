"""Builders of the events notify consumes, a fake template source, and an SMTP server for tests (aiosmtpd)."""
from __future__ import annotations

import contextlib
import socket
import uuid
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from contracts.events.dossiers import ClientUser, DossierChanged, DossierSnapshot
from contracts.events.notifications import AttachmentRef, NotificationRequested, Recipient
from contracts.events.payments import Communication, Creditor, PaymentApproved

from notify.adapters.standard import standard

OFFICE = uuid.UUID("11111111-1111-1111-1111-111111111111")
PORTAL = "http://portal.test:8100"


def user(email: str, language: str = "nl", profile: str = "full_access", active: bool = True,
         user_id: uuid.UUID | None = None) -> ClientUser:
    return ClientUser(user_id=user_id or uuid.uuid4(), email=email, name=email.split("@")[0].title(),
                      language=language, profile=profile, active=active)


def dossier_changed(dossier: uuid.UUID, *users: ClientUser, name: str = "Bakkerij Janssens BV",
                    office: uuid.UUID = OFFICE) -> DossierChanged:
    return DossierChanged(correlation_id="test", office_id=office, dossier_id=dossier, change="users",
                          dossier=DossierSnapshot(name=name, users=users))


def welcome(email: str = "anna@example.be", language: str = "nl", token: str | None = None,
            template: str = "user.welcome", office: uuid.UUID = OFFICE, **params: str) -> NotificationRequested:
    """What office publishes for a new user (OFF-2, DOS-4): a set-password link, never a password."""
    token = token or uuid.uuid4().hex
    return NotificationRequested(
        correlation_id="test", office_id=office, template=template,
        recipient=Recipient(email=email, name="Anna Peeters"), language=language,
        params={"office_name": "Fiduciaire Demo", "portal_name": "Demo portal", "office_slug": "demo",
                "user_name": "Anna Peeters", "link_token": token, "link_path": f"/reset-password?token={token}",
                "expires_at": "2026-12-05T06:25:00+00:00", "email": email, **params})


def dossier_updated(dossier: uuid.UUID, office: uuid.UUID = OFFICE) -> NotificationRequested:
    """What sync-connector publishes after a sync (SYN-4)."""
    return NotificationRequested(
        correlation_id="test", office_id=office, dossier_id=dossier, template="dossier.updated",
        recipient=Recipient(name="Bakkerij"), audience="dossier_full_access", language="nl",
        params={"dossier": "Bakkerij Janssens BV", "updated_up_to": "2026-10-31"})


def support_alert(dossier: uuid.UUID, email: str | None = None, language: str = "nl",
                  office: uuid.UUID = OFFICE) -> NotificationRequested:
    """What sync-connector publishes when a dossier's sync needs support (ACT-3): one request per person allowed
    support.alerts.receive on the dossier, or (``email`` None) one naming nobody when it found no such person."""
    return NotificationRequested(
        correlation_id="test", office_id=office, dossier_id=dossier, template="sync.needs_support",
        recipient=Recipient(email=email) if email else Recipient(), language=language,
        params={"dossier": "Bakkerij Janssens BV", "instruction": "The accounting software refused: bad journal.",
                "instruction_code": "SoftwareRefused", "reason": "bad journal", "link_path": f"/dossiers/{dossier}/sync"})


def question(dossier: uuid.UUID, storage_key: str, recipient: uuid.UUID | None = None,
             office: uuid.UUID = OFFICE) -> NotificationRequested:
    """What worklist publishes when the office asks the client about a document (WL-6)."""
    return NotificationRequested(
        correlation_id="test", office_id=office, dossier_id=dossier, template="worklist.question",
        recipient=Recipient(user_id=recipient) if recipient else Recipient(),
        audience="recipient" if recipient else "dossier_full_access", language="fr", channel="portal",
        params={"question": "Is this a private expense?", "invoice_number": "F2026-001",
                "counterparty": "Proximus NV", "asked_by": "Jan Claes", "proposal_id": str(uuid.uuid4()),
                "document_id": str(uuid.uuid4())},
        attachments=(AttachmentRef(storage_key=storage_key, filename="F2026-001.pdf",
                                   content_type="application/pdf"),))


def payment_approved(dossier: uuid.UUID, payment: uuid.UUID | None = None, method: str = "sepa",
                     office: uuid.UUID = OFFICE) -> PaymentApproved:
    """What payments publishes when a payment got its approvals (PAY-8, PAY-9)."""
    return PaymentApproved(
        correlation_id="test", office_id=office, dossier_id=dossier, payment_id=payment or uuid.uuid4(),
        amount="1234.50", creditor=Creditor(name="Proximus NV", iban="BE68539007547034"),
        communication=Communication(kind="structured", text="+++090/9337/55493+++"),
        execution_date="2026-02-02" if method == "sepa" else None, method=method, initiated_by=uuid.uuid4())


class StandardOnly:
    """TemplateSource of an office without overrides."""

    async def template(self, office_id, key, language):
        return standard(key, language)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping every message received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content, policy=policy.default))
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 OK"


@contextlib.contextmanager
def smtp_server(port: int | None = None):
    """A real SMTP server on 127.0.0.1 (in a thread); yields (inbox, port)."""
    inbox = Inbox()
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def text_of(msg: EmailMessage) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()
