"""Scans and photos: page images OCR'd by tesseract (words, boxes, confidences), and a searchable PDF.

Tesseract runs once per page with two outputs, TSV (the words) and PDF (the image with an
invisible text layer), with OMP_THREAD_LIMIT=1: parallelism comes from running several workers.
When the totals read do not add up, each totals amount gets a second look: a small strip around it
read as one line (`second_look`), kept only when the totals then add up. A photo whose total or date is still
missing, or a till slip whose shop name is unsure, is read again (background evened out, one block of text:
`photo_passes`); scans never get those passes.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from PIL import Image

from recognition.domain.errors import LimitExceeded, TimeLimitExceeded, UnreadableDocument
from recognition.domain.layout import TextDocument, Word, group_lines, words_json
from recognition.domain.reader import read_invoice
from recognition.extractors.base import Context, Extraction, Limits
from recognition.extractors import ocr_cache
from recognition.extractors.photo_passes import needs_reread, reread_photo
from recognition.extractors.probe import Probe
from recognition.extractors.second_look import second_look

Image.MAX_IMAGE_PIXELS = None  # we check width × height against Limits.max_pixels before decoding
MIN_SCAN_DPI = 300  # a PDF page's scanned image at this resolution or more is OCR'd as it is (lower ones: rendered up)
MIN_LONG_SIDE = 2600  # photos smaller than this are scaled up: tesseract wants ~20 px capital letters
TESSERACT_TIMEOUT_S = 120


def page_images(probe: Probe, limits: Limits) -> list[Image.Image]:
    """The pages to OCR as grayscale images, within the pixel and page limits."""
    if probe.kind == "image":
        return [_open_image(probe.data, limits)]
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(probe.data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"unreadable PDF: {exc}") from exc
    try:
        if len(doc) > limits.max_ocr_pages:
            raise LimitExceeded(f"{len(doc)} pages to OCR, more than the limit of {limits.max_ocr_pages}")
        images = []
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            scanned = _scanned_image(page, limits)
            if scanned is not None:
                images.append(scanned)
                continue
            scale = min(limits.ocr_dpi / 72, (limits.max_pixels / max(width * height, 1)) ** 0.5)
            if scale < 100 / 72:
                raise LimitExceeded(f"page {index + 1} is {width:.0f}×{height:.0f} pt, too large to render for OCR")
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            image.info["dpi"] = (round(scale * 72), round(scale * 72))
            images.append(image)
        return images
    finally:
        doc.close()


def _scanned_image(page, limits: Limits) -> Image.Image | None:
    """The page's own raster when the page is nothing but one upright image covering it (a scan): decoding it
    costs less than rendering the page, and tesseract sees the scanner's pixels. None for any other page.

    Scans below `MIN_SCAN_DPI` are left to the renderer, which brings them up to the OCR resolution."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    if page.get_rotation() % 360:
        return None
    objects = list(page.get_objects(max_depth=2))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image_obj = objects[0]
    width, height = page.get_size()
    matrix = image_obj.get_matrix().get()
    if abs(matrix[1]) > 1e-6 or abs(matrix[2]) > 1e-6 or matrix[0] <= 0 or matrix[3] <= 0:
        return None  # rotated or mirrored: let the renderer place it
    left, bottom, right, top = image_obj.get_bounds()
    if (right - left) * (top - bottom) < 0.97 * width * height:
        return None
    px_w, px_h = image_obj.get_px_size()
    if px_w * px_h > limits.max_pixels:
        return None
    dpi = min(px_w / (matrix[0] / 72), px_h / (matrix[3] / 72))
    if dpi < MIN_SCAN_DPI - 1 or dpi > 2 * limits.ocr_dpi:  # 3508 px over 841.92 pt is 299.99 dpi
        return None
    image = _decoded_jpeg(image_obj, (px_w, px_h))
    if image is None:
        try:
            image = image_obj.get_bitmap(render=False).to_pil().convert("L")
        except (pdfium.PdfiumError, ValueError, OSError):
            return None
    if image.size != (px_w, px_h):
        return None
    image.info["dpi"] = (round(dpi), round(dpi))
    return image


def _decoded_jpeg(image_obj, size: tuple[int, int]) -> Image.Image | None:
    """A gray or RGB JPEG image (what scanners write) decoded by Pillow straight to gray, much faster than pdfium
    renders it. None for any other image, left to pdfium, and for a JPEG whose own header does not give the size
    the PDF declares (checked against the limits): it is not decoded."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    try:
        if image_obj.get_filters(skip_simple=True) != ["DCTDecode"]:
            return None
        if image_obj.get_metadata().colorspace not in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
                                                        pdfium_c.FPDF_COLORSPACE_DEVICERGB):
            return None
        jpeg = Image.open(io.BytesIO(bytes(image_obj.get_data(decode_simple=True))))
        if jpeg.format != "JPEG" or jpeg.mode not in ("L", "RGB") or jpeg.size != size:
            return None
        jpeg.draft("L", jpeg.size)  # luma only: no colour conversion
        return jpeg.convert("L")
    except MemoryError:
        raise
    except (pdfium.PdfiumError, ValueError, OSError):
        return None


def _open_image(data: bytes, limits: Limits) -> Image.Image:
    try:
        img = Image.open(io.BytesIO(data))
        width, height = img.size
    except MemoryError:
        raise
    except Exception as exc:  # PIL raises many types on damaged files
        raise UnreadableDocument(f"unreadable image: {exc}") from exc
    if width * height > limits.max_pixels:
        raise LimitExceeded(f"image of {width}×{height} pixels exceeds the limit of {limits.max_pixels} pixels")
    try:
        img = img.convert("L")
    except MemoryError:
        raise
    except Exception as exc:
        raise UnreadableDocument(f"unreadable image: {exc}") from exc
    long_side = max(img.size)
    if long_side < MIN_LONG_SIDE:
        factor = MIN_LONG_SIDE / long_side
        img = img.resize((round(img.width * factor), round(img.height * factor)), Image.LANCZOS)
    img.info["dpi"] = (300, 300)  # a photo has no meaningful resolution: tesseract is told 300
    return img


def tesseract(image: Image.Image, languages: str, outputs: tuple[str, ...] = ("tsv",), dpi: int = 300,
              psm: int = 3) -> dict[str, bytes]:
    """Run tesseract once on one image (through pytesseract); each requested output ('tsv', 'txt', 'pdf' = text
    layer only) as bytes, all from the one run.

    The image goes in as uncompressed PGM (writing a PNG, pytesseract's default, costs more than a second a
    page), and the PDF is text only: the text layer is laid over the original page afterwards (see
    `searchable_pdf`). OMP_THREAD_LIMIT=1 comes from the process environment (sandbox and eval set it).
    """
    import pytesseract
    options = ["--psm", str(psm), "--dpi", str(dpi)]
    if "tsv" in outputs:
        options += ["-c", "tessedit_create_tsv=1"]
    if "pdf" in outputs:
        options += ["-c", "textonly_pdf=1"]
    with tempfile.TemporaryDirectory(prefix="bf-ocr-") as tmp:
        src, base = Path(tmp) / "page.pgm", Path(tmp) / "out"
        image.save(src, "PPM")
        cache_key = None
        if os.environ.get(ocr_cache.ENV):
            legacy = ["-l", languages, "--psm", str(psm), "--dpi", str(dpi)] + (
                ["-c", "textonly_pdf=1"] if "pdf" in outputs else [])  # the key the cache was first written with
            cache_key = ocr_cache.key(src.read_bytes(), legacy, outputs)
            if (cached := ocr_cache.load(cache_key, outputs)) is not None:
                return cached
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        try:
            pytesseract.pytesseract.run_tesseract(str(src), str(base), " ".join(outputs), languages,
                                                  " ".join(options), timeout=TESSERACT_TIMEOUT_S)
        except RuntimeError as exc:  # pytesseract's timeout
            raise TimeLimitExceeded(f"tesseract took longer than {TESSERACT_TIMEOUT_S} s on one page") from exc
        except pytesseract.TesseractError as exc:
            raise UnreadableDocument(f"tesseract failed: {str(exc.message)[-300:]}") from exc
        result = {ext: (base.with_suffix(f".{ext}")).read_bytes() for ext in outputs}
        if cache_key:
            ocr_cache.store(cache_key, result)
        return result


def words_from_tsv(tsv: bytes, width: int, height: int) -> list[Word]:
    """Tesseract's TSV words in page fractions (confidence 0..1), with the page's skew taken out.

    A scan skewed by a degree or two puts the label and the amount of one row at different
    heights; the skew is measured from tesseract's own lines and the boxes are rotated back.
    """
    rows = csv.DictReader(io.StringIO(tsv.decode("utf-8", errors="replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    raw = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        line_id = (row["block_num"], row["par_num"], row["line_num"])
        raw.append((text, left, top, w, h, max(0.0, float(row.get("conf") or 0)) / 100, line_id))
    slope = _skew(raw)
    words = []
    for text, left, top, w, h, conf, _ in raw:
        shift = slope * (left + w / 2 - width / 2)
        box = (left / width, (top - shift) / height, (left + w) / width, (top + h - shift) / height)
        words.append(Word(text, *(min(1.0, max(0.0, v)) for v in box), conf))  # deskewing may cross the edge
    return words


def _skew(raw: list) -> float:
    """The median slope (dy/dx in pixels) of tesseract's lines with three or more words."""
    lines: dict = {}
    for text, left, top, w, h, conf, line_id in raw:
        lines.setdefault(line_id, []).append((left + w / 2, top + h / 2))
    slopes = []
    for points in lines.values():
        if len(points) < 3:
            continue
        (x0, y0), (x1, y1) = points[0], points[-1]
        if x1 - x0 > 100:
            slopes.append((y1 - y0) / (x1 - x0))
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def searchable_pdf(probe: Probe, text_layers: list[bytes]) -> bytes:
    """The original (a PDF, or the image made a one-page PDF) with each page's OCR text laid over it, invisible."""
    import pikepdf
    if probe.kind == "pdf":
        base = pikepdf.open(io.BytesIO(probe.data))
    else:
        buf = io.BytesIO()
        Image.open(io.BytesIO(probe.data)).convert("RGB").save(buf, "PDF", resolution=150)
        base = pikepdf.open(io.BytesIO(buf.getvalue()))
    sources = [pikepdf.open(io.BytesIO(layer)) for layer in text_layers]  # open until saved: copies are lazy
    for page, source in zip(base.pages, sources):
        layer = base.copy_foreign(source.pages[0].as_form_xobject())
        page.add_overlay(layer, pikepdf.Rectangle(*[float(v) for v in page.mediabox]))
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


class OcrExtractor:
    """Images, and PDFs without a usable text layer."""

    name = "ocr"

    def score(self, probe: Probe) -> float:
        if probe.kind == "image":
            return 0.9
        if probe.kind == "pdf" and not probe.xml_flavour:
            return 0.3
        return 0.0

    def extract(self, probe: Probe, ctx: Context) -> Extraction:
        lines, pdfs = [], []
        images = page_images(probe, ctx.limits)
        for number, image in enumerate(images, start=1):
            outputs = ("tsv", "pdf") if ctx.searchable_pdf else ("tsv",)
            result = tesseract(image, ctx.languages, outputs, dpi=round(image.info.get("dpi", (300, 300))[0]))
            lines.extend(group_lines(number, words_from_tsv(result["tsv"], image.width, image.height)))
            if ctx.searchable_pdf:
                pdfs.append(result["pdf"])
        doc = TextDocument("ocr", lines, len(images))
        invoice = read_invoice(doc)
        if invoice.totals_consistent is False and (second := second_look(doc, images, _read_strip)) is not doc:
            if (again := read_invoice(second)).totals_consistent is True:  # kept only when the totals then add up
                doc, invoice = second, again
        if probe.kind == "image" and needs_reread(doc, invoice):
            doc, invoice, pdfs = reread_photo(images[0], doc, invoice, pdfs,
                                              lambda image, psm: _read_page(image, ctx, psm))
        searchable = searchable_pdf(probe, pdfs) if pdfs else None
        return Extraction(invoice, searchable, words_json(doc))


def _read_page(image: Image.Image, ctx: Context, psm: int = 3) -> tuple[TextDocument, bytes | None]:
    """One tesseract reading of one page image: its words grouped in lines, and its text layer when asked for."""
    outputs = ("tsv", "pdf") if ctx.searchable_pdf else ("tsv",)
    result = tesseract(image, ctx.languages, outputs, dpi=round(image.info.get("dpi", (300, 300))[0]), psm=psm)
    doc = TextDocument("ocr", group_lines(1, words_from_tsv(result["tsv"], image.width, image.height)), 1)
    return doc, result["pdf"] if ctx.searchable_pdf else None


def _read_strip(image: Image.Image) -> str:
    """Tesseract on a small strip of one line (--psm 7): its text."""
    result = tesseract(image, "eng", ("txt",), psm=7)
    return result["txt"].decode("utf-8", errors="replace").strip()
