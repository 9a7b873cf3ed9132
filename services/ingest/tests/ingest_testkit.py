"""A seeded world for ingest tests: two offices, dossiers in the replica, a token for every role and profile.

Office A: dossier OWN (the COLLABORATOR and SUPPORT assigned, every client profile on it, auto-transmission
as the test asks), OTHER (same office, nobody assigned, no client profiles); office B: dossier FOREIGN.
Tokens are signed by a test issuer that the app's verifier trusts.
"""
from __future__ import annotations

import asyncio
import io
import json
import smtplib
import uuid
from email.message import EmailMessage
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from contracts.events.dossiers import DossierChanged
from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, generate_signing_key

from ingest.handlers.events import on_dossier_changed

DOMAIN = "in.test.localhost"


def pdf_bytes(pages: int = 1, tag: str | None = None) -> bytes:
    """A small PDF with blank pages, made unique by a title."""
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.docinfo["/Title"] = tag or uuid.uuid4().hex
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def png_bytes(width: int = 60, height: int = 80, color: tuple[int, int, int] | None = None) -> bytes:
    """A small PNG photo of one colour."""
    from PIL import Image

    import random
    image = Image.new("RGB", (width, height), color or tuple(random.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@dataclass
class World:
    """Offices, dossiers and a token per grantee."""

    issuer: TokenIssuer
    office: str = field(default_factory=lambda: str(uuid.uuid4()))
    foreign_office: str = field(default_factory=lambda: str(uuid.uuid4()))
    own: str = field(default_factory=lambda: str(uuid.uuid4()))
    other: str = field(default_factory=lambda: str(uuid.uuid4()))
    foreign: str = field(default_factory=lambda: str(uuid.uuid4()))
    tokens: dict[str, str] = field(default_factory=dict)
    principals: dict[str, Principal] = field(default_factory=dict)

    def address(self, dossier: str, mailbox: str) -> str:
        return f"d-{dossier[:8]}-{mailbox}@{DOMAIN}"

    def headers(self, who: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[who]}"} if who in self.tokens else {}


def principals(w: World) -> dict[str, Principal]:
    """Every grantee of the matrix acting on the OWN dossier, plus a foreign ADMIN and an API key elsewhere."""
    people: dict[str, Principal] = {}
    for role in Role:
        assigned = frozenset() if role is Role.ADMIN else frozenset({w.own})
        people[role.value] = Principal(f"{uuid.uuid4()}", PrincipalKind.COLLABORATOR, w.office, role=role,
                                       assigned_dossiers=assigned)
    for profile in ClientProfile:
        people[profile.value] = Principal(f"{uuid.uuid4()}", PrincipalKind.CLIENT, w.office,
                                          profiles={w.own: profile})
    # OFF-2 (issue 13 item 5): a COLLABORATOR assigned to OWN "worklists only"
    people["WORKLISTS_ONLY"] = Principal(f"{uuid.uuid4()}", PrincipalKind.COLLABORATOR, w.office,
                                         role=Role.COLLABORATOR, assigned_dossiers=frozenset({w.own}),
                                         worklists_only=frozenset({w.own}))
    people["API_KEY"] = Principal("key-1", PrincipalKind.API_KEY, w.office,
                                  api_key_scope=ApiKeyScope(w.own, "purchases"))
    people["FOREIGN_ADMIN"] = Principal(f"{uuid.uuid4()}", PrincipalKind.COLLABORATOR, w.foreign_office,
                                        role=Role.ADMIN)
    return people


def dossier_changed(w: World, office: str, dossier: str, **settings: Any) -> DossierChanged:
    """A dossier.changed snapshot with three inbound addresses and the given settings."""
    return DossierChanged.model_validate({
        "correlation_id": "world", "office_id": office, "dossier_id": dossier, "change": "created",
        "dossier": {"name": f"Dossier {dossier[:6]}", "settings": settings,
                    "mailboxes": [{"mailbox": m, "address": w.address(dossier, m)}
                                  for m in ("purchases", "sales", "misc")]},
    })


async def seed(pool: Any, w: World, **own_settings: Any) -> None:
    """Put the three dossiers in the replica (as dossier.changed would) and issue the tokens."""
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(w, w.office, w.own, **own_settings))
        await on_dossier_changed(conn, dossier_changed(w, w.office, w.other))
        await on_dossier_changed(conn, dossier_changed(w, w.foreign_office, w.foreign))
    w.principals = principals(w)
    for key, principal in w.principals.items():
        extra = {"email": f"{key.lower()}@client.test", "name": key.title()}
        w.tokens[key] = w.issuer.issue(principal, extra_claims=extra)


def new_issuer() -> TokenIssuer:
    return TokenIssuer(generate_signing_key(), "test-kid", "bookingfactory-office")


def files(*items: tuple[str, bytes]) -> list:
    """Multipart file fields for an upload."""
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


async def upload(client, world, who="ADMINISTRATOR", mailbox="purchases", dossier=None, *items):
    """Upload files through the HTTP API as one of the world's grantees."""
    url = f"/dossiers/{dossier or world.own}/mailboxes/{mailbox}/documents"
    return await client.post(url, files=files(*items), headers=world.headers(who))


async def outbox(pool) -> list[dict]:
    """The events the service enqueued, oldest first."""
    rows = await pool.fetch("SELECT topic, payload FROM outbox ORDER BY created_at")
    return [{"topic": r["topic"], **json.loads(r["payload"])} for r in rows]


def message(to: str, *, sender: str = "billing@supplier.be", attachments: int = 1, message_id: str | None = None,
            subject: str = "Invoice") -> EmailMessage:
    """An e-mail with 1-page PDF attachments."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content("Hello, the invoice is attached.")
    for i in range(attachments):
        msg.add_attachment(pdf_bytes(), maintype="application", subtype="pdf", filename=f"inv-{i}.pdf")
    return msg


async def send(port: int, msg: EmailMessage) -> None:
    """Deliver a message over a real SMTP session (smtplib, in a thread)."""
    def run() -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.send_message(msg)
    await asyncio.to_thread(run)
