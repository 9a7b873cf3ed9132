"""PDFs with pikepdf (inspect, split, merge) and pypdfium2 (page thumbnails); CPU work runs in threads."""
from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pikepdf
import pypdfium2 as pdfium

from ingest.domain.errors import NotSplittable, TooManyPages

_PDFIUM = threading.Lock()  # PDFium is not thread-safe


@dataclass(frozen=True)
class PdfFacts:
    """What opening a PDF told: its page count, or why its pages cannot be read (kept and flagged)."""

    page_count: int | None
    flag: str | None = None  # encrypted | corrupt
    problem: str | None = None


def _inspect(data: bytes, max_pages: int, name: str) -> PdfFacts:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
    except pikepdf.PasswordError:
        return PdfFacts(None, "encrypted", "the PDF is protected by a password: its pages cannot be read")
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        return PdfFacts(None, "corrupt", f"the PDF is damaged and cannot be read ({str(exc)[:120]})")
    if count > max_pages:
        raise TooManyPages(f"{name}: {count} pages is over the limit of {max_pages} pages per document",
                           filename=name)
    if count == 0:
        return PdfFacts(0, "corrupt", "the PDF has no pages")
    return PdfFacts(count)


async def inspect(data: bytes, *, max_pages: int, name: str) -> PdfFacts:
    """The page count of a PDF, or the flag saying why it cannot be read; TooManyPages over the limit."""
    return await asyncio.to_thread(_inspect, data, max_pages, name)


def _opens(data: bytes) -> bool:
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return False
        try:
            return len(document) > 0
        finally:
            document.close()


async def opens(data: bytes) -> bool:
    """Whether PDFium opens the bytes as a PDF with at least one page (no password asked)."""
    return await asyncio.to_thread(_opens, data)


def _open(data: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise NotSplittable("the PDF is protected by a password: its pages cannot be split or merged") from exc
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        raise NotSplittable("the PDF is damaged: its pages cannot be split or merged") from exc


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _split(data: bytes, parts: Sequence[Sequence[int]]) -> list[bytes]:
    results = []
    with _open(data) as source:
        for part in parts:
            with pikepdf.new() as target:
                target.pages.extend(source.pages[p - 1] for p in part)
                results.append(_save(target))
    return results


async def split(data: bytes, parts: Sequence[Sequence[int]]) -> list[bytes]:
    """One new PDF per part (1-based page numbers, in the given order)."""
    return await asyncio.to_thread(_split, data, parts)


def _merge(sources: Mapping[str, bytes], pages: Sequence[tuple[str, int]]) -> bytes:
    opened = {key: _open(data) for key, data in sources.items()}
    try:
        with pikepdf.new() as target:
            for key, page in pages:
                target.pages.append(opened[key].pages[page - 1])
            return _save(target)
    finally:
        for pdf in opened.values():
            pdf.close()


async def merge(sources: Mapping[str, bytes], pages: Sequence[tuple[str, int]]) -> bytes:
    """One PDF of the chosen pages: ``pages`` are (source key, 1-based page) in the new order."""
    return await asyncio.to_thread(_merge, sources, pages)


def _thumbnail(data: bytes, page: int, width: int) -> bytes:
    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(document):
                raise NotSplittable(f"page {page} does not exist")
            current = document[page - 1]
            image = current.render(scale=width / max(current.get_width(), 1)).to_pil()
            current.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


async def thumbnail(data: bytes, page: int, width: int = 200) -> bytes:
    """A PNG of one page (1-based), ``width`` pixels wide."""
    try:
        return await asyncio.to_thread(_thumbnail, data, page, width)
    except pdfium.PdfiumError as exc:
        raise NotSplittable("the PDF cannot be rendered") from exc
