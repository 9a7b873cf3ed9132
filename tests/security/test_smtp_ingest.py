"""Hostile SMTP sessions against the running ingest service (ING-2, issue 13 SMTP findings).

Each test connects from its own loopback address (127.x.y.z), so its throttling never touches other suites."""
from __future__ import annotations

import os
import random
import smtplib
import uuid

import pytest
from e2e_stack import Platform

pytestmark = [pytest.mark.e2e]

ADMIN = ("admin@demo.bookingfactory.example", "demo-admin-2025")
DOSSIER = "SCHMITZ"


def smtp_client() -> smtplib.SMTP:
    """An SMTP session to the stack's ingest server from a fresh loopback address of its own."""
    source = f"127.{random.randint(1, 254)}.{random.randint(0, 254)}.{random.randint(1, 254)}"
    client = smtplib.SMTP(os.environ.get("BF_BIND", "127.0.0.1"), int(os.environ["BF_INGEST_SMTP_PORT"]),
                          source_address=(source, 0), timeout=60)
    client.ehlo("attacker.example")
    return client


async def purchases_address() -> str:
    platform = Platform()
    try:
        await platform.login(*ADMIN)
        dossier = await platform.call("GET", "office", f"/dossiers/{await platform.dossier(DOSSIER)}")
        return dossier["mailboxes"]["purchases"]
    finally:
        await platform.close()


def deep_multipart(levels: int) -> bytes:
    body = (f"From: a@attacker.example\r\nTo: x@y\r\nSubject: deep\r\nMessage-ID: <{uuid.uuid4()}@attacker.example>"
            "\r\nMIME-Version: 1.0\r\n").encode()
    for i in range(levels):
        body += f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode()
    body += b"Content-Type: text/plain\r\n\r\nhello\r\n"
    return body + b"".join(f"--b{i}--\r\n".encode() for i in reversed(range(levels)))


async def test_recipient_probing_is_throttled_per_client_address():
    """Unknown recipients could be tried without limit (550 each, 250 for a real address); after 5 unknown ones a
    client gets 450 for every recipient, real addresses included, so the probe learns nothing more."""
    real = await purchases_address()
    client = smtp_client()
    try:
        client.mail("probe@attacker.example")
        answers = [client.rcpt(f"guess-{i}-{uuid.uuid4().hex[:6]}@{real.split('@')[1]}")[0] for i in range(6)]
        assert answers == [550] * 5 + [450], answers
        code, text = client.rcpt(real)
        assert code == 450 and b"too many unknown recipients" in text
    finally:
        client.close()


async def test_deeply_nested_multipart_gets_a_generic_5xx_without_internals():
    """A 3,000-deep multipart made the server answer '500 Error: (RecursionError) maximum recursion depth...'."""
    real = await purchases_address()
    client = smtp_client()
    try:
        client.mail("deep@attacker.example")
        assert client.rcpt(real)[0] == 250
        code, text = client.data(deep_multipart(3000))
        assert code == 554, (code, text)
        assert b"nested" in text and b"Error" not in text and b"Recursion" not in text, text
    finally:
        client.close()
