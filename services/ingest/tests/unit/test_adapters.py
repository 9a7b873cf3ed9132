"""Unit tests of the file adapters: e-mail parts, ZIP limits, photos to PDF, PDF facts (no servers)."""
from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

import pikepdf
import pytest
from PIL import Image

from ingest.adapters import archives, images, mail, pdf, xml
from ingest.domain.errors import DecompressionBomb, TooManyFiles, TooManyPages, UnsupportedType


def _pdf(pages: int) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as doc:
        for _ in range(pages):
            doc.add_blank_page()
        doc.save(out)
    return out.getvalue()


def test_mail_attachments_inline_pdfs_and_signature_logos():
    """ING-2: attachments and inline PDFs count; a logo of an HTML signature (Content-ID) does not."""
    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Message-ID"] = "Supplier <billing@supplier.be>", "Invoice 42", "<m-1@x>"
    msg.set_content("Please find the invoice.")
    msg.add_attachment(_pdf(1), maintype="application", subtype="pdf", filename="inv.pdf")
    msg.add_attachment(_pdf(1), maintype="application", subtype="pdf", disposition="inline", filename="inline.pdf")
    logo = EmailMessage()
    logo.set_content(b"\x89PNG....", maintype="image", subtype="png", disposition="inline")
    logo["Content-ID"] = "<logo>"
    msg.attach(logo)
    read = mail.read(msg.as_bytes())
    assert [f.filename for f in read.files] == ["inv.pdf", "inline.pdf"]
    assert (read.sender, read.subject, read.message_id) == ("billing@supplier.be", "Invoice 42", "<m-1@x>")
    assert read.body == "Please find the invoice."


def test_mail_without_message_id_gets_its_digest():
    msg = EmailMessage()
    msg.set_content("hello")
    assert mail.read(msg.as_bytes()).message_id.startswith("sha256:")


def test_zip_limits():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(5):
            z.writestr(f"{i}.pdf", b"%PDF-1")
    with pytest.raises(TooManyFiles):
        archives.unpack("a.zip", out.getvalue(), max_entries=4, max_file_bytes=100, max_total_bytes=1000)
    assert len(archives.unpack("a.zip", out.getvalue(), max_entries=5, max_file_bytes=100,
                               max_total_bytes=1000).files) == 5
    with pytest.raises(DecompressionBomb):
        archives.unpack("a.zip", out.getvalue(), max_entries=5, max_file_bytes=100, max_total_bytes=20)


async def test_photos_become_one_pdf_and_bombs_are_refused():
    """ING-3: several photos → one PDF page each; a huge pixel count is refused before decoding."""
    photos = []
    for color in ("red", "blue"):
        buf = io.BytesIO()
        Image.new("RGB", (40, 60), color).save(buf, "JPEG")
        photos.append((f"{color}.jpg", buf.getvalue()))
    made = await images.photos_to_pdf(photos, max_pixels=10_000)
    assert (await pdf.inspect(made, max_pages=10, name="x")).page_count == 2
    with pytest.raises(DecompressionBomb, match="40x60"):
        await images.photos_to_pdf(photos, max_pixels=1000)


async def test_pdf_facts_and_page_limit():
    assert (await pdf.inspect(_pdf(3), max_pages=3, name="x")).page_count == 3
    with pytest.raises(TooManyPages, match="4 pages is over the limit of 3"):
        await pdf.inspect(_pdf(4), max_pages=3, name="x")
    assert (await pdf.inspect(b"%PDF-1.4 nonsense", max_pages=3, name="x")).flag == "corrupt"
    assert (await pdf.thumbnail(_pdf(1), 1, 50)).startswith(b"\x89PNG")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_xml_doctype_is_refused_whatever_the_encoding(encoding):
    """Issue 13 item 9: a UTF-16/32 UBL with a DOCTYPE does not show '<!DOCTYPE' byte-wise; it is refused anyway."""
    text = ('<?xml version="1.0" encoding="{}"?><!DOCTYPE Invoice SYSTEM "http://attacker.example/x.dtd">'
            '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>')
    data = text.format("UTF-32" if encoding == "utf-32" else "UTF-16").encode(encoding)
    with pytest.raises(UnsupportedType, match="DOCTYPE"):
        xml.check_invoice("inv.xml", data)
    xml.check_invoice("ok.xml", text.replace(text[text.index("<!DOCTYPE"):text.index("<Invoice")], "")
                      .format("UTF-16").encode("utf-16"))


async def test_pdfium_opens_real_pdfs_only():
    """Issue 13 item 10: the check a PDF with leading junk must pass before it is accepted as a PDF."""
    assert await pdf.opens(b"junk before the header\n" + _pdf(1))
    assert not await pdf.opens(b"<html>%PDF-1.4 <form action=x></form></html>")
