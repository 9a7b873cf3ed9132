"""Mail that reaches people, through the running stack (OFF-2, DOS-4, COM-6): an office admin invites a new client
user to a dossier and a welcome e-mail lands in the local mail sink (.stack/mail/*.eml, `make up`) with an absolute
link to the portal's set-password page; following it and choosing a password lets the person log in. The same for a
forgotten password: the reset e-mail's link sets a new password, and the old one stops working."""
from __future__ import annotations

import email
import email.policy
import html
import os
import re
import secrets
import uuid
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from e2e_stack import CSRF, ROOT, Failed, Platform, eventually

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ADMIN = ("admin@demo.bookingfactory.example", "demo-admin-2025")
DOSSIER = "PEETERS"
MAIL_TIMEOUT = 90  # office outbox -> Kafka -> notify -> SMTP, on a busy machine
LINK = re.compile(r"https?://[^\s\"'<>]+/reset-password\?[^\s\"'<>]+")


def mail_dir() -> Path:
    """Where the stack's mail sink keeps what it receives: <state folder>/mail (deploy/local/mailsink.py)."""
    return ROOT / os.environ.get("BF_STACK_DIR", ".stack") / "mail"


def mails_to(address: str) -> list[EmailMessage]:
    """Messages the sink delivered to `address` (its envelope recipients), oldest first."""
    found = []
    for path in sorted(mail_dir().glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in [str(r).strip().lower() for r in message.get_all("Delivered-To", [])]:
            found.append(message)
    return found


async def nth_mail_to(address: str, n: int) -> EmailMessage:
    """The n-th message (1-based) to `address`, once it has arrived."""
    async def probe() -> EmailMessage | None:
        got = mails_to(address)
        return got[n - 1] if len(got) >= n else None
    return await eventually(probe, MAIL_TIMEOUT, f"mail #{n} to {address} in {mail_dir()}", every=0.5)


def link_in(message: EmailMessage) -> str:
    """The set-password link of a welcome or reset mail (the same in its text and HTML parts)."""
    links = set()
    for part in message.walk():
        if part.get_content_maintype() == "text":
            links |= {html.unescape(link) for link in LINK.findall(part.get_content())}
    if len(links) != 1:
        raise Failed(f"expected one set-password link in {message['Subject']!r}, found {sorted(links)}")
    return links.pop()


async def set_password_in_portal(link: str, password: str) -> None:
    """Open the mail's link in the portal and choose a password, as a browser would."""
    async with httpx.AsyncClient(timeout=60, follow_redirects=True) as browser:
        page = await browser.get(link)
        csrf, action = CSRF.search(page.text), re.search(r'<form[^>]*\saction="([^"]+)"', page.text)
        if page.status_code != 200 or csrf is None or action is None:
            raise Failed(f"{link}: {page.status_code}, no set-password form")
        (token,) = parse_qs(urlsplit(link).query)["token"]
        assert f'name="token" value="{token}"' in page.text, "the form does not carry the link's token"
        answer = await browser.post(urljoin(str(page.url), html.unescape(action.group(1))), data={
            "token": token, "password": password, "password_again": password, "csrf_token": csrf.group(1)})
        if answer.url.path != "/login" or answer.url.params.get("reset") != "done":
            raise Failed(f"choosing a password was refused: {answer.status_code} at {answer.url}")


async def login_status(platform: Platform, address: str, password: str) -> int:
    answer = await platform.http.post(f"{platform.url['office']}/auth/login", json={"email": address,
                                                                                  "password": password})
    return answer.status_code


@pytest.fixture
async def admin() -> AsyncIterator[Platform]:
    p = Platform()
    await p.login(*ADMIN)
    yield p
    await p.close()


@pytest.fixture
async def invited(admin: Platform) -> AsyncIterator[tuple[str, str]]:
    """A new client user of the demo dossier (a fresh address each run): (e-mail, dossier id); disabled afterwards."""
    dossier = await admin.dossier(DOSSIER)
    address = f"e2e-mail-{uuid.uuid4().hex[:10]}@client.example"
    user = await admin.call("POST", "office", f"/dossiers/{dossier}/users", expect=201, json={
        "email": address, "name": "Mail Flow", "profile": "FULL_ACCESS", "language": "en"})
    assert user["email"] == address and user["active"], user
    yield address, dossier
    await admin.call("POST", "office", f"/dossiers/{dossier}/users/{user['id']}/disable")


async def test_an_invited_client_user_sets_a_password_from_the_welcome_mail_and_logs_in(admin, invited):
    address, dossier = invited
    welcome = await nth_mail_to(address, 1)
    assert address in str(welcome["To"]) and welcome["Subject"] and welcome["From"], dict(welcome.items())
    link = link_in(welcome)
    portal = admin.url["portal"]
    assert link.startswith(f"{portal}/reset-password?"), f"the link does not open the portal ({portal}): {link}"
    password = f"Welcome-{secrets.token_urlsafe(9)}"
    assert await login_status(admin, address, password) == 401, "a password works before it was chosen"

    await set_password_in_portal(link, password)

    client = Platform()
    try:
        await client.login(address, password)
        me = await client.call("GET", "office", "/me")
        assert dossier in [d["id"] for d in me["dossiers"]], me
    finally:
        await client.close()
    with pytest.raises(Failed, match="refused"):
        await set_password_in_portal(link, f"Again-{secrets.token_urlsafe(9)}")  # a link works once


async def test_a_password_reset_mail_sets_a_new_password(admin, invited):
    address, _ = invited
    first = f"First-{secrets.token_urlsafe(9)}"
    await set_password_in_portal(link_in(await nth_mail_to(address, 1)), first)

    # a client address of its own: the per-client hourly limit of the shared loopback address is not under test
    answer = await admin.http.post(f"{admin.url['office']}/auth/password-reset", json={"email": address},
                                   headers={"X-Forwarded-For": f"198.51.100.{secrets.randbelow(254) + 1}"})
    assert answer.status_code == 202, answer.text
    reset = await nth_mail_to(address, 2)
    link = link_in(reset)
    assert link.startswith(f"{admin.url['portal']}/reset-password?"), link
    assert reset["Subject"] != (await nth_mail_to(address, 1))["Subject"], "the reset mail reads like the welcome"

    second = f"Second-{secrets.token_urlsafe(9)}"
    await set_password_in_portal(link, second)

    assert await login_status(admin, address, second) == 200
    assert await login_status(admin, address, first) == 401, "the old password still works after a reset"
