"""Photos (JPEG, PNG, HEIC) turned into PDF pages with Pillow, refusing decompression bombs."""
from __future__ import annotations

import asyncio
import io
import warnings
from collections.abc import Sequence

import pillow_heif
from PIL import Image, ImageOps

from ingest.domain.errors import DecompressionBomb, UnsupportedType

pillow_heif.register_heif_opener()
MAX_SIDE = 3500  # pixels; larger photos are scaled down (about 300 dpi on A4)


def _load(data: bytes, name: str, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels:
                raise DecompressionBomb(
                    f"{name}: the image claims {width}x{height} pixels, over the limit of {max_pixels}", filename=name)
            image.load()
    except DecompressionBomb:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DecompressionBomb(f"{name}: the image is a decompression bomb ({exc})", filename=name) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise UnsupportedType(f"{name}: the image is damaged and cannot be read", filename=name) from exc
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image


def _to_pdf(photos: Sequence[tuple[str, bytes]], max_pixels: int) -> bytes:
    images = [_load(data, name, max_pixels) for name, data in photos]
    out = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(out, "PDF", resolution=200.0, save_all=True, append_images=rest)
    return out.getvalue()


async def photos_to_pdf(photos: Sequence[tuple[str, bytes]], *, max_pixels: int) -> bytes:
    """One PDF with a page per photo (name, bytes), in order; DecompressionBomb or UnsupportedType if unreadable."""
    return await asyncio.to_thread(_to_pdf, photos, max_pixels)
