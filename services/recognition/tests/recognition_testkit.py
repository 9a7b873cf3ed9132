"""Fixtures for recognition tests: standards samples, generated documents, hostile files."""
from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from recognition.validation.checks import standards_dir

STANDARDS = standards_dir()
UBL_EXAMPLE = STANDARDS / "peppol-bis3" / "examples" / "base-example.xml"
UBL_CREDIT_NOTE = STANDARDS / "peppol-bis3" / "examples" / "base-creditnote-correction.xml"
FACTURX_PDF = STANDARDS / "facturx" / "fixtures" / "pdf" / "invoice_EN16931.pdf"
CII_XML = STANDARDS / "facturx" / "fixtures" / "xml" / "factur-x-en16931.xml"
ZUGFERD1_XML = STANDARDS / "facturx" / "fixtures" / "xml" / "zugferd-comfort.xml"


def generated(ident: str = "unit-a-fr", family: str = "A", language: str = "fr"):
    """(truth, pdf, scan, photo) of one generated document (deterministic)."""
    from recognition_bench.generate import build
    return build(ident, family, language)


def xxe() -> bytes:
    return (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&x;</ID></Invoice>')


def billion_laughs() -> bytes:
    ents = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{ents}]>'
            f'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&l9;</ID></Invoice>').encode()


def many_pages(count: int = 5000) -> bytes:
    import pikepdf
    pdf = pikepdf.new()
    for _ in range(count):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    import pikepdf
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out.getvalue()


def corrupt_pdf() -> bytes:
    rng = random.Random(5)
    return b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4000))


def huge_png(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG whose header says width × height (the pixel data is a token: it must never be decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def image_bomb_pdf(side: int = 20000) -> bytes:
    """A one-page PDF drawing a side × side gray image whose stream inflates to side² bytes (a PDF bomb)."""
    import pikepdf
    comp = zlib.compressobj(9)
    row = b"\x00" * side
    data = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(600, 800))
    image = pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=side,
                           Height=side, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                           Filter=pikepdf.Name.FlateDecode)
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 600 0 0 800 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def read(path: Path) -> bytes:
    return path.read_bytes()


def text_page(rows: list[tuple[str, float]], start: float = 0.05):
    """A one-page text-layer TextDocument: rows of 'text' at x (two spaces = a column gap), one row every 2% of
    the page from `start` down."""
    from recognition.domain.layout import TextDocument, Word, group_lines
    words = []
    for i, (text, x) in enumerate(rows):
        y = start + i * 0.02
        for column in text.split("  "):
            for part in column.split(" "):
                if part:
                    words.append(Word(part, x, y, x + 0.008 * len(part), y + 0.012))
                x += 0.008 * (len(part) + 1)
            x += 0.2
    return TextDocument("pdf_text", group_lines(1, words), 1)


def till_slip(rows: list[str], method: str = "ocr", big: tuple[int, ...] = ()):
    """A till slip as OCR reads it: rows (two spaces = a column gap), one row every 2% of the page; rows in `big`
    in a larger font."""
    from recognition.domain.layout import TextDocument, Word, group_lines
    words = []
    for i, text in enumerate(rows):
        y, x = 0.05 + i * 0.02, 0.1
        height = 0.018 if i in big else 0.012
        for column in text.split("  "):
            for part in column.split(" "):
                if part:
                    words.append(Word(part, x, y, x + 0.012 * len(part), y + height))
                x += 0.012 * (len(part) + 1)
            x += 0.1
    return TextDocument(method, group_lines(1, words), 1)
