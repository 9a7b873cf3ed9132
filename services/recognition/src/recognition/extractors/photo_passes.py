"""More readings of a photo whose first OCR reading misses the total or the date (what a receipt must give).

Tesseract's page layout (psm 3) fails on some photographed slips in two ways: shading and a dark table around the
paper leave it no text block (fixed by evening the background out: `photo_prep`), and a right-hand column of
amounts standing apart from the item names is taken for a separate block and dropped, or a date line is split
(fixed by reading the photo as one uniform block of text, psm 6, which keeps each printed row whole). So a photo
still missing its total or date is read again with its background evened out, and one still missing either after
that is read once more as one block, and one still without a total once more as one block scaled up 1.5 times
(small print: the amounts' digits too thin for tesseract at the photo's size; not past `MAX_ENLARGED_PIXELS`).
A till slip whose shop name was read unsurely (a letterhead in a large or bold font OCR garbled) is read as one
block too, and takes that reading's shop name when it is surer. Each reading after
the first only fills what the readings before left empty (the boxes are on the same pixels), except that the
evened reading replaces a first that found less than half its lines. At most three more tesseract runs, photos only;
a complete first reading with a sure shop name costs nothing more.
"""
from __future__ import annotations

from typing import Callable

from PIL import Image

from recognition.domain.layout import TextDocument
from recognition.domain.model import Invoice
from recognition.domain.reader import read_invoice
from recognition.domain.receipt_reader import is_receipt
from recognition.extractors.photo_prep import even_background

PAGE_LAYOUT_PSM = 3  # tesseract's own page layout analysis: the first reading and the evened one
ONE_BLOCK_PSM = 6  # the photo as one uniform block of text: rows kept whole, amount columns not dropped
ENLARGE = 1.5  # the last reading of a photo whose total is still missing: scaled up by this, as one block
MAX_ENLARGED_PIXELS = 30_000_000  # a photo already this large is not enlarged (tesseract's time grows with it)
UNSURE_SELLER = 0.6  # a till slip's shop name read below this (garbled letterhead) is read again as one block

# read(image, psm) -> the page's words and its text-layer PDF (None when no searchable PDF is asked for)
PageReader = Callable[[Image.Image, int], tuple[TextDocument, bytes | None]]


def incomplete(invoice: Invoice) -> bool:
    """Whether a photo's reading misses the total or the date."""
    return invoice.total_incl_vat is None or invoice.issue_date is None


def unsure_seller(doc: TextDocument, invoice: Invoice) -> bool:
    """Whether a till slip's shop name was read unsurely: none, or a letterhead line OCR garbled (a large or bold
    font, a logo beside it) below `UNSURE_SELLER`."""
    name = invoice.seller.name
    return is_receipt(doc) and (name is None or name.confidence < UNSURE_SELLER)


def needs_reread(doc: TextDocument, invoice: Invoice) -> bool:
    """Whether a photo's first reading calls for another (see the module)."""
    return incomplete(invoice) or unsure_seller(doc, invoice)


def reread_photo(image: Image.Image, doc: TextDocument, invoice: Invoice, pdfs: list[bytes],
                 read: PageReader) -> tuple[TextDocument, Invoice, list[bytes]]:
    """The document, invoice and text layers after the further readings of a photo (see the module)."""
    if incomplete(invoice):
        even_doc, even_pdf = read(even_background(image), PAGE_LAYOUT_PSM)
        again = read_invoice(even_doc)
        if len(doc.lines) < len(even_doc.lines) / 2:
            doc, invoice, pdfs = even_doc, again, ([even_pdf] if even_pdf is not None else pdfs)
        else:
            fill_missing(invoice, again)
    if incomplete(invoice) or unsure_seller(doc, invoice):
        block_doc, _ = read(image, ONE_BLOCK_PSM)
        block = read_invoice(block_doc)
        fill_missing(invoice, block)
        name, other = invoice.seller.name, block.seller.name
        if (other is not None and name is not None and other.confidence > name.confidence
                and (is_receipt(doc) or is_receipt(block_doc))):
            invoice.seller.name = other  # a shop name the one-block reading read more surely
    if invoice.total_incl_vat is None and image.width * image.height * ENLARGE ** 2 <= MAX_ENLARGED_PIXELS:
        large_doc, _ = read(enlarged(image), ONE_BLOCK_PSM)
        fill_missing(invoice, read_invoice(large_doc))
    return doc, invoice, pdfs


def enlarged(image: Image.Image) -> Image.Image:
    """The photo `ENLARGE` times larger (small or thin print: tesseract reads glyphs of 30-40 px best)."""
    large = image.resize((round(image.width * ENLARGE), round(image.height * ENLARGE)), Image.LANCZOS)
    large.info["dpi"] = image.info.get("dpi", (300, 300))
    return large


def fill_missing(invoice: Invoice, again: Invoice) -> None:
    """The date, total and seller name of another reading of the same photo, where `invoice` has none."""
    invoice.issue_date = invoice.issue_date or again.issue_date
    if invoice.total_incl_vat is None and again.total_incl_vat is not None:
        invoice.total_incl_vat, invoice.totals_consistent = again.total_incl_vat, None
    invoice.seller.name = invoice.seller.name or again.seller.name
