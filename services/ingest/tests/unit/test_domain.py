"""Unit tests of the ingest domain: sniffing, file names, page selections, auto-transmission, sorting."""
from __future__ import annotations

import uuid

import pytest

from ingest.domain import selection
from ingest.domain.errors import EmptyFile, InvalidSelection, TooLarge, UnsupportedType
from ingest.domain.files import Kind, classify, safe_filename, sniff, with_extension
from ingest.domain.rules import auto_transmits, order_by


@pytest.mark.parametrize("head,kind", [
    (b"%PDF-1.7\n", Kind.PDF), (b"\xff\xd8\xff\xe0", Kind.JPEG), (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"\x00\x00\x00\x18ftypheic", Kind.HEIC), (b"PK\x03\x04", Kind.ZIP), (b"\xef\xbb\xbf<?xml ", Kind.XML),
    (b"MZ\x90", None), (b"GIF89a", None),
])
def test_kind_is_sniffed_from_content(head, kind):
    """ING-1/ING-2: accepted kinds by content, never by name."""
    assert sniff(head + b"rest") == kind


@pytest.mark.parametrize("data,kind", [
    (b"PK\x03\x04\x14\x00\x00\x00\x00\x00a.pdf%PDF-1.4 stored entry", Kind.ZIP),
    (b"<html><body>%PDF-1.4<script>alert(1)</script>", Kind.XML),
    (b"\x89PNG\r\n\x1a\n%PDF-1.4", Kind.PNG),
    ("<?xml version='1.0'?><Invoice/>".encode("utf-16"), Kind.XML),
    (b"\r\n\r\n%PDF-1.4\n", Kind.PDF),
])
def test_polyglots_are_what_their_leading_bytes_say(data, kind):
    """Issue 13 item 10: '%PDF-' in the first KB no longer wins over the ZIP, PNG or HTML/XML magic before it."""
    assert sniff(data) == kind


def test_classify_names_the_problem():
    with pytest.raises(EmptyFile, match="a.pdf: the file is empty"):
        classify("a.pdf", b"", 10)
    with pytest.raises(TooLarge, match="over the limit of 10 bytes"):
        classify("a.pdf", b"%PDF-" + b"0" * 10, 10)
    with pytest.raises(UnsupportedType, match="b.docx"):
        classify("b.docx", b"PK\x05\x06", 100)


@pytest.mark.parametrize("raw,clean", [
    ("../../etc/passwd.pdf", "passwd.pdf"), ("C:\\Users\\x\\inv.pdf", "inv.pdf"), ("a\x00b\x1f.pdf", "ab.pdf"),
    ("evil\u202efdp.exe", "evilfdp.exe"), ("", "document"), ("..", "document"), ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
])
def test_safe_filename(raw, clean):
    """Path traversal and control characters never reach a stored name."""
    assert safe_filename(raw) == clean


def test_with_extension():
    assert with_extension("photo.jpg", Kind.PDF) == "photo.pdf" and with_extension("scan.PDF", Kind.PDF) == "scan.PDF"


def test_split_parts():
    """ING-6: groups of existing pages, each page once."""
    assert selection.split_parts([[1, 2], [4]], 4) == [[1, 2], [4]]
    for parts, message in (([[1], [1]], "more than one part"), ([[5]], "does not exist"), ([[]], "no pages"),
                           ([], "at least one")):
        with pytest.raises(InvalidSelection, match=message):
            selection.split_parts(parts, 4)


def test_bulk_parts():
    """ING-8: parts run from each first page to the next."""
    assert selection.bulk_parts([3, 1, 6], 7) == [[1, 2], [3, 4, 5], [6, 7]]
    with pytest.raises(InvalidSelection, match="page 1 must be"):
        selection.bulk_parts([2], 3)
    with pytest.raises(InvalidSelection, match="does not exist"):
        selection.bulk_parts([1, 9], 3)


def test_merge_pages():
    """ING-7: pages of several documents in a chosen order, none twice."""
    a, b = uuid.uuid4(), uuid.uuid4()
    assert selection.merge_pages([(b, 1), (a, 2)], {a: 2, b: 1}) == [(b, 1), (a, 2)]
    with pytest.raises(InvalidSelection, match="chosen twice"):
        selection.merge_pages([(a, 1), (a, 1)], {a: 2})
    with pytest.raises(InvalidSelection, match="cannot be merged"):
        selection.merge_pages([(b, 1)], {a: 2})


def test_auto_transmission_rules():
    """ING-10: per type, with an optional whitelist of addresses and @domains; misc never."""
    settings = {"auto_transmission": {"purchases": {"enabled": True, "sender_whitelist": ["Boss@Client.be", "@supplier.be"]},
                                      "sales": {"enabled": True, "sender_whitelist": []}}}
    assert auto_transmits(settings, "purchases", "boss@client.be")
    assert auto_transmits(settings, "purchases", "billing@supplier.be")
    assert not auto_transmits(settings, "purchases", "someone@else.be")
    assert not auto_transmits(settings, "purchases", None)
    assert auto_transmits(settings, "sales", None), "an empty whitelist means every sender"
    assert not auto_transmits(settings, "misc", "boss@client.be")
    assert not auto_transmits({}, "purchases", "boss@client.be")


def test_order_by():
    assert order_by("-filename").startswith("lower(filename) DESC")
    assert order_by(None).startswith("created_at DESC")
    with pytest.raises(InvalidSelection, match="unknown sort field; choose one of created_at, filename") as refused:
        order_by("<b>password</b>")
    assert "password" not in str(refused.value), "the refused value is not echoed (issue 13)"
