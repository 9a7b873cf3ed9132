"""Pages of a document as PNG images large enough to annotate (WL-5).

Ingest's thumbnails are 200 pixels wide: fine for the page pickers, unreadable beside the annotation
fields. The annotation screen therefore renders the page from the PDF ingest serves (with the user's
token, so ingest decides who may see it), at ``WIDTH`` pixels, in a worker thread.
"""
from __future__ import annotations

import asyncio
import io

import pypdfium2 as pdfium

WIDTH = 1000
MAX_PDF_BYTES = 50 * 1024 * 1024


class NotRenderable(Exception):
    """The document is not a PDF, has no such page, or cannot be rendered."""


async def render_page(data: bytes, page: int, width: int = WIDTH) -> bytes:
    """A PNG of one page (1-based), ``width`` pixels wide."""
    if len(data) > MAX_PDF_BYTES or not data.startswith(b"%PDF"):
        raise NotRenderable("not a PDF")
    return await asyncio.to_thread(_render, data, page, width)


def _render(data: bytes, page: int, width: int) -> bytes:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise NotRenderable("the PDF cannot be opened") from exc
    try:
        if not 1 <= page <= len(pdf):
            raise NotRenderable(f"no page {page}")
        sheet = pdf[page - 1]
        scale = width / max(sheet.get_width(), 1.0)
        image = sheet.render(scale=min(scale, 4.0)).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=False)
        return out.getvalue()
    finally:
        pdf.close()
