"""The page images OCR reads (REC-1): a scan's own raster when it is fine enough, else the page rendered at the
OCR resolution; a JPEG scan decoded by Pillow gives the pixels pdfium gives."""
import io

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageStat

from recognition.extractors.base import Limits
from recognition.extractors.ocr import page_images
from recognition.extractors.probe import Probe


def _page(width: int, height: int, mode: str = "L") -> Image.Image:
    image = Image.new(mode, (width, height), "white")
    draw = ImageDraw.Draw(image)
    for row in range(40, height - 40, 60):
        draw.text((40, row), "Facture 2025-0042   Total TVAC 1.234,56 EUR", fill="black")
        draw.line((40, row + 30, width - 40, row + 30), fill="gray", width=3)
    return image


def _scan_pdf(image: Image.Image, dpi: int, fmt: str = "JPEG") -> bytes:
    """An image-only PDF like a scanner writes: one page, one image covering it, JPEG unless said."""
    if fmt == "JPEG":
        out = io.BytesIO()
        image.save(out, "PDF", resolution=dpi)
        return out.getvalue()
    import pikepdf
    pdf = pikepdf.new()
    w_pt, h_pt = image.width * 72 / dpi, image.height * 72 / dpi
    xobj = pikepdf.Stream(pdf, image.tobytes())  # raw gray samples, no filter: not a JPEG
    xobj.Type, xobj.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    xobj.Width, xobj.Height, xobj.BitsPerComponent = image.width, image.height, 8
    xobj.ColorSpace = pikepdf.Name.DeviceGray
    content = f"q {w_pt:.4f} 0 0 {h_pt:.4f} 0 0 cm /Im0 Do Q".encode()
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, w_pt, h_pt],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobj)),
                              Contents=pikepdf.Stream(pdf, content))
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _pdfium_pixels(pdf: bytes) -> Image.Image:
    page = pdfium.PdfDocument(pdf)[0]
    image_obj = next(o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
    return image_obj.get_bitmap(render=False).to_pil().convert("L")


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def _no_pdfium_pixels(monkeypatch) -> None:
    """Rendering the page or pdfium's bitmap of the image fail: the scan must be decoded without them."""
    def refuse(*args, **kwargs):
        raise AssertionError("decoded by pdfium")
    monkeypatch.setattr(pdfium.PdfPage, "render", refuse)
    monkeypatch.setattr(pdfium.PdfImage, "get_bitmap", refuse)


def test_a_300_dpi_jpeg_scan_is_read_at_its_own_pixels_even_when_the_page_size_rounds_below_300_dpi(monkeypatch):
    """A4 at 300 dpi is 2481 × 3508 px on 595.44 × 841.92 pt: 299.99 dpi, still taken as it is, not re-rendered."""
    scan = _page(2481, 3508)
    pdf = _scan_pdf(scan, 300)
    expected = _pdfium_pixels(pdf)
    _no_pdfium_pixels(monkeypatch)
    [image] = page_images(Probe(pdf), Limits())
    assert image.size == (2481, 3508)
    assert image.info["dpi"] == (300, 300)
    assert _mean_difference(image, expected) < 1.0


def test_a_colour_jpeg_scan_is_decoded_to_gray_like_pdfium_does(monkeypatch):
    scan = _page(1275, 1650, "RGB")
    pdf = _scan_pdf(scan, 300)
    expected = _pdfium_pixels(pdf)
    _no_pdfium_pixels(monkeypatch)
    [image] = page_images(Probe(pdf), Limits())
    assert image.mode == "L" and image.size == (1275, 1650)
    assert _mean_difference(image, expected) < 2.0


def test_an_unfiltered_scan_is_read_through_pdfium_at_its_own_pixels():
    scan = _page(1275, 1650)
    [image] = page_images(Probe(_scan_pdf(scan, 300, fmt="raw")), Limits())
    assert image.size == (1275, 1650)
    assert _mean_difference(image, scan) < 0.5


def test_a_150_dpi_scan_is_rendered_up_to_the_ocr_resolution():
    [image] = page_images(Probe(_scan_pdf(_page(620, 877), 150)), Limits())
    assert image.size[0] in (1240, 1241) and image.size[1] in (1754, 1755)
    assert image.info["dpi"] == (300, 300)


def test_a_jpeg_larger_than_the_pdf_declares_is_not_decoded_by_pillow(monkeypatch):
    """A bomb: the PDF says 1240 × 1754 px (within the limits), the JPEG inside is four times as large."""
    import pikepdf
    from PIL import JpegImagePlugin
    jpeg = io.BytesIO()
    _page(2480, 3508).save(jpeg, "JPEG")
    pdf = pikepdf.new()
    xobj = pikepdf.Stream(pdf, jpeg.getvalue())
    xobj.Type, xobj.Subtype, xobj.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, pikepdf.Name.DCTDecode
    xobj.Width, xobj.Height, xobj.BitsPerComponent = 1240, 1754, 8
    xobj.ColorSpace = pikepdf.Name.DeviceGray
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 297.6, 420.96],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobj)),
                              Contents=pikepdf.Stream(pdf, b"q 297.6 0 0 420.96 0 0 cm /Im0 Do Q"))
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    decoded = []
    original_load = JpegImagePlugin.JpegImageFile.load
    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load",
                        lambda self: decoded.append(self.size) or original_load(self))
    images = page_images(Probe(out.getvalue()), Limits())
    assert (2480, 3508) not in decoded
    assert all(image.size[0] <= 1241 for image in images)
