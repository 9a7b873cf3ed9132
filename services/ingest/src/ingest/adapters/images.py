"""Photos (JPEG, PNG, HEIC) turned into PDF pages with Pillow, refusing decompression bombs.

Memory stays bounded by one photo: the pixel counts are read from the headers before anything is decoded,
and each photo becomes its own one-page PDF (decoded, scaled down, encoded, freed) before the next one is
opened; the pages are then put together with pikepdf (issue 13 item 3).
"""
from __future__ import annotations

import asyncio
import io
import warnings
from collections.abc import Sequence

import pikepdf
import pillow_heif
from PIL import Image, ImageOps

from ingest.domain.errors import DecompressionBomb, UnsupportedType

pillow_heif.register_heif_opener()
MAX_SIDE = 3500  # pixels; larger photos are scaled down (about 300 dpi on A4)
_SCALABLE = {"RGB", "L"}  # modes scaled down before the conversion to RGB (never a full-size RGB copy)


def _open(data: bytes, name: str) -> Image.Image:
    """The image with its header read and nothing decoded yet."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DecompressionBomb(f"{name}: the image is a decompression bomb ({exc})", filename=name) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise UnsupportedType(f"{name}: the image is damaged and cannot be read", filename=name) from exc


def pixels(name: str, data: bytes, max_pixels: int) -> int:
    """How many pixels the photo's header announces (nothing is decoded); DecompressionBomb over ``max_pixels``."""
    with _open(data, name) as image:
        width, height = image.size
    _check_size(name, width, height, max_pixels)
    return width * height


def _check_size(name: str, width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise DecompressionBomb(
            f"{name}: the image claims {width}x{height} pixels, over the limit of {max_pixels}", filename=name)


def _load(data: bytes, name: str, max_pixels: int) -> Image.Image:
    image = _open(data, name)
    _check_size(name, *image.size, max_pixels)
    try:
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8 scale straight away
        image.load()
    except (Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        raise UnsupportedType(f"{name}: the image is damaged and cannot be read", filename=name) from exc
    if image.mode not in _SCALABLE:
        image = image.convert("L" if image.mode in ("1", "I", "I;16", "F") else "RGB")
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image.convert("RGB")


def _page(name: str, data: bytes, max_pixels: int) -> bytes:
    """One photo as a one-page PDF; the decoded image is freed before returning."""
    image = _load(data, name, max_pixels)
    try:
        out = io.BytesIO()
        image.save(out, "PDF", resolution=200.0)
        return out.getvalue()
    finally:
        image.close()


def _to_pdf(photos: Sequence[tuple[str, bytes]], max_pixels: int) -> bytes:
    pages: list[pikepdf.Pdf] = []
    try:
        with pikepdf.new() as target:
            for name, data in photos:
                pages.append(pikepdf.open(io.BytesIO(_page(name, data, max_pixels))))
                target.pages.extend(pages[-1].pages)
            out = io.BytesIO()
            target.save(out, deterministic_id=True)
            return out.getvalue()
    finally:
        for page in pages:
            page.close()


async def photos_to_pdf(photos: Sequence[tuple[str, bytes]], *, max_pixels: int) -> bytes:
    """One PDF with a page per photo (name, bytes), in order; DecompressionBomb or UnsupportedType if unreadable."""
    return await asyncio.to_thread(_to_pdf, photos, max_pixels)
