"""A file as the extractors see it: its kind by magic bytes, and what each of them needs, computed once."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from recognition.domain.errors import LimitExceeded, UnreadableDocument
from recognition.extractors import xmlsafe

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM", b"RIFF")
_EMBEDDED_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")


@dataclass
class Probe:
    """The bytes of one file and lazily computed facts about them."""

    data: bytes
    max_pages: int = 100
    max_pixels: int = 100_000_000
    _cache: dict = field(default_factory=dict)

    @cached_property
    def kind(self) -> str:
        """'pdf', 'xml', 'image' or 'unknown', by content."""
        head = self.data[:1024]
        if b"%PDF-" in head:
            return "pdf"
        if self.data.startswith(_IMAGE_MAGIC):
            return "image"
        if xmlsafe.looks_like_xml(self.data):
            return "xml"
        return "unknown"

    @cached_property
    def xml(self) -> etree._Element | None:
        """The parsed XML: the file itself, or the invoice XML embedded in a PDF."""
        if self.kind == "xml":
            return xmlsafe.parse(self.data)
        if self.kind == "pdf" and self.embedded_xml is not None:
            return xmlsafe.parse(self.embedded_xml)
        return None

    @cached_property
    def xml_flavour(self) -> str | None:
        """'ubl' or 'cii' when the file is, or embeds, a structured invoice."""
        root = self.xml
        return xmlsafe.flavour(root) if root is not None else None

    @cached_property
    def pdf(self):
        """The PDF opened with pikepdf (repairs minor damage); encrypted or broken files are refused."""
        import pikepdf
        try:
            pdf = pikepdf.open(io.BytesIO(self.data))
        except pikepdf.PasswordError as exc:
            raise UnreadableDocument("encrypted PDF (a password is needed to open it)") from exc
        except MemoryError:
            raise
        except Exception as exc:  # pikepdf raises PdfError and friends for damaged files
            raise UnreadableDocument(f"corrupt PDF: {exc}") from exc
        if pdf.is_encrypted and not pdf.allow.extract:
            raise UnreadableDocument("encrypted PDF that forbids text extraction")
        if len(pdf.pages) > self.max_pages:
            raise LimitExceeded(f"PDF has {len(pdf.pages)} pages, more than the limit of {self.max_pages}")
        if len(pdf.pages) == 0:
            raise UnreadableDocument("PDF without pages")
        _check_images(pdf, self.max_pixels)
        return pdf

    @cached_property
    def page_count(self) -> int:
        return len(self.pdf.pages) if self.kind == "pdf" else 1

    @cached_property
    def embedded_xml(self) -> bytes | None:
        """The Factur-X/ZUGFeRD/XRechnung or UBL XML attached to the PDF, if any."""
        if self.kind != "pdf":
            return None
        attachments = self.pdf.attachments
        names = sorted(attachments.keys(), key=lambda n: (n.lower() not in _EMBEDDED_NAMES, n))
        for name in names:
            if not name.lower().endswith(".xml"):
                continue
            data = attachments[name].get_file().read_bytes()
            if len(data) > 20 * 1024 * 1024:
                raise LimitExceeded(f"embedded XML {name!r} is larger than 20 MB")
            try:
                root = xmlsafe.parse(data)
            except UnreadableDocument:
                if name.lower() in _EMBEDDED_NAMES:
                    raise
                continue
            if xmlsafe.flavour(root):
                return data
        return None

    @cached_property
    def pdfium(self):
        """The PDF opened with pdfium (its text pages), for as long as the probe lives."""
        import pypdfium2 as pdfium
        try:
            return pdfium.PdfDocument(self.data)
        except pdfium.PdfiumError as exc:
            raise UnreadableDocument(f"unreadable PDF: {exc}") from exc

    def text_page(self, index: int):
        """(page, text page) of the page at `index` (from 0), loaded by pdfium once for the probe and the reader."""
        pages = self._cache.setdefault("text_pages", {})
        if index not in pages:
            page = self.pdfium[index]
            pages[index] = (page, page.get_textpage())
        return pages[index]

    def drop_page(self, index: int) -> None:
        """Free a page `text_page` loaded (a reader done with it)."""
        page, textpage = self._cache.get("text_pages", {}).pop(index, (None, None))
        if page is not None:
            textpage.close()
            page.close()

    @cached_property
    def text_chars(self) -> int:
        """How many characters the PDF's text layer has on its first three pages (0 for scans)."""
        if self.kind != "pdf":
            return 0
        return sum(len(self.text_page(index)[1].get_text_range().strip()) for index in range(min(len(self.pdfium), 3)))


def _check_images(pdf, max_pixels: int) -> None:
    """Refuse a PDF drawing an image larger than `max_pixels` (a decompression bomb), from its header only."""
    for number, page in enumerate(pdf.pages, start=1):
        resources = page.obj.get("/Resources")
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None:
            continue
        for _, xobject in xobjects.items():
            if xobject.get("/Subtype") != "/Image":
                continue
            width, height = int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
            if width * height > max_pixels:
                raise LimitExceeded(f"page {number} draws an image of {width}×{height} pixels, "
                                    f"more than the limit of {max_pixels} (a PDF bomb?)")
