"""Unit tests of the limits on hostile input (issue 13): SMTP probing, deep MIME, pixels per capture."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from ingest.adapters import images, mail
from ingest.domain.errors import DecompressionBomb, TooManyPixels, UnreadableMail
from ingest.domain.files import PixelBudget
from ingest.domain.throttle import FailureThrottle


def deep_mail(levels: int) -> bytes:
    """A mail of `levels` nested multipart/mixed parts around one line of text."""
    body = b"From: a@attacker.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    for i in range(levels):
        body += f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode()
    body += b"Content-Type: text/plain\r\n\r\nhello\r\n"
    return body + b"".join(f"--b{i}--\r\n".encode() for i in reversed(range(levels)))


def test_throttle_blocks_a_client_after_the_limit_until_the_window_passes():
    now = [0.0]
    throttle = FailureThrottle(3, 60, clock=lambda: now[0])
    for _ in range(3):
        assert not throttle.blocked("10.0.0.1")
        throttle.fail("10.0.0.1")
    assert throttle.blocked("10.0.0.1") and not throttle.blocked("10.0.0.2")
    now[0] = 61
    assert not throttle.blocked("10.0.0.1")


def test_throttle_remembers_a_bounded_number_of_clients():
    throttle = FailureThrottle(1, 60, max_keys=2, clock=lambda: 0.0)
    for client in ("a", "b", "c"):
        throttle.fail(client)
    assert not throttle.blocked("a") and throttle.blocked("b") and throttle.blocked("c")


def test_a_deeply_nested_mail_is_refused_before_parsing():
    """3,000 nested multiparts used to make the stdlib parser raise RecursionError after seconds."""
    with pytest.raises(UnreadableMail, match="3000 nested multipart or message parts, at most 50"):
        mail.read(deep_mail(3000))
    with pytest.raises(UnreadableMail):  # a comment before the type and a folded header count as well
        mail.read(deep_mail(60).replace(b"Content-Type: multipart", b"Content-Type:\r\n (x:y) multipart"))
    assert mail.read(deep_mail(10)).body == "hello"


def test_pixel_budget_counts_a_request_before_decoding():
    budget = PixelBudget(100)
    budget.charge("a.png", 60)
    with pytest.raises(TooManyPixels, match="b.png: the photos of this request add up to 120 pixels, over the limit "
                                            "of 100 pixels per request"):
        budget.charge("b.png", 60)
    budget.charge("c.png", 40)


def test_pixels_come_from_the_header_and_photos_are_converted_one_page_each():
    out = io.BytesIO()
    Image.new("L", (4000, 3000), 200).save(out, "PNG")
    assert images.pixels("big.png", out.getvalue(), 12_000_000) == 12_000_000
    with pytest.raises(DecompressionBomb, match="4000x3000 pixels, over the limit of 11999999"):
        images.pixels("big.png", out.getvalue(), 11_999_999)
    small = io.BytesIO()
    Image.new("1", (30, 20)).save(small, "PNG")
    made = images._to_pdf([("a.png", small.getvalue()), ("b.png", small.getvalue())], max_pixels=1000)
    import pikepdf
    with pikepdf.open(io.BytesIO(made)) as pdf:
        assert len(pdf.pages) == 2


async def test_an_uncaught_smtp_error_is_answered_without_its_text():
    """aiosmtpd answered '500 Error: (ExceptionName) text' for any error a handler did not catch."""
    from types import SimpleNamespace

    from ingest.config import IngestSettings
    from ingest.entrypoints.smtp import MailboxHandler

    handler = MailboxHandler(SimpleNamespace(settings=IngestSettings(service="ingest-test"), pool=None))
    answer = await handler.handle_exception(RuntimeError("password=hunter2 at /srv/ingest/db.py:42"))
    assert answer.startswith("451 ") and "hunter2" not in answer and "RuntimeError" not in answer
