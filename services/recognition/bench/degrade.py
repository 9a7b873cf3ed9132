"""Scans and phone photos of a born-digital PDF: rasterised, skewed, noisy; or warped, shaded, blurred JPEG."""
from __future__ import annotations

import io
import random

from PIL import Image, ImageFilter, ImageOps


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Each page as a grayscale image at `dpi`."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def _noise(img: Image.Image, rng: random.Random, amount: int) -> Image.Image:
    """Gaussian noise blended into the page."""
    return Image.blend(img, Image.effect_noise(img.size, amount).convert("L"), rng.uniform(0.06, 0.14))


def scan(pdf: bytes, rng: random.Random) -> bytes:
    """An image-only PDF like a flatbed scan: 150–300 dpi, skewed up to ±2.5°, noisy."""
    dpi = rng.choice([150, 200, 200, 300, 300])
    pages = []
    for page in rasterise(pdf, dpi):
        page = page.rotate(rng.uniform(-2.5, 2.5), resample=Image.BICUBIC, expand=False, fillcolor=255)
        page = _noise(page, rng, rng.randint(20, 60))
        page = page.point(lambda v: 255 if v > 235 else v)
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def photo(pdf: bytes, rng: random.Random) -> bytes:
    """Phone photos of the pages: one JPEG for a one-page document, else a PDF of JPEG pages (as scanner apps do)."""
    shots = [_photograph(page, rng) for page in rasterise(pdf, 200)]
    out = io.BytesIO()
    if len(shots) == 1:
        shots[0].save(out, "JPEG", quality=rng.randint(70, 88))
    else:
        shots[0].save(out, "PDF", resolution=200, save_all=True, append_images=shots[1:], quality=rng.randint(70, 88))
    return out.getvalue()


def _photograph(page: Image.Image, rng: random.Random) -> Image.Image:
    """One page as a phone sees it: on a darker table, perspective, uneven light, slight blur."""
    w, h = page.size
    margin = int(0.06 * w)
    canvas = Image.new("L", (w + 2 * margin, h + 2 * margin), rng.randint(60, 110))
    canvas.paste(page, (margin, margin))
    W, H = canvas.size
    jitter = lambda: rng.randint(0, int(0.025 * W))  # noqa: E731
    quad = (jitter(), jitter(), jitter(), H - jitter(), W - jitter(), H - jitter(), W - jitter(), jitter())
    warped = canvas.transform((W, H), Image.QUAD, quad, resample=Image.BICUBIC)
    gradient = Image.linear_gradient("L").resize((W, H)).rotate(rng.choice([0, 90, 180, 270]))
    shade = gradient.point(lambda v: int(200 + v * 55 / 255))
    lit = Image.composite(warped, Image.new("L", (W, H), 0), shade)
    lit = Image.blend(warped, ImageOps.autocontrast(lit), 0.35)
    return lit.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9))).convert("RGB")
