"""A PDF page's text layer as words with boxes, read with pdfium.

The characters come from pdfium's text page with pdfminer's boxes (the advance width across, the font size
high from the font's descent below the baseline), in points of the displayed page (origin top left, /Rotate
applied), and are grouped into words the way pdfplumber's `extract_words(x_tolerance=1.5)` groups them
(lines clustered by the top within 3 pt, sorted left to right, a blank or a gap wider than 1.5 pt ends a
word, ligatures expanded). The readers so see the words they saw with pdfplumber (the same text, boxes within
a point, the font size as the box's height) in a seventh of the time: pdfminer parses the page in pure Python.
Where the two differ, pdfium is the better reader: it keeps one copy of text drawn twice at the same place
(fake bold, which pdfminer read as 'LLiieeffeerr' letters), reads hyphens some fonts map to NUL, gives the euro
sign of the standard fonts its width, and ends a word at a space it found in the spacing of the text
(a drawn space some fonts turn into one, or a gap of a little over a point: ':' 'FR2012...').
"""
from __future__ import annotations

import ctypes
import math
from itertools import groupby

import pypdfium2.raw as pdfium_c

X_TOLERANCE = 1.5  # points: a gap wider than this between two letters ends a word
Y_TOLERANCE = 3.0  # points: letters whose tops differ by at most this (chained) are on one line
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

Char = tuple  # (text, x0, top, x1, bottom, upright, number, spaced): the box in points of the displayed page,
# origin top left; number = the order in the content; spaced = pdfium generated a space just before it
Box = tuple  # (text, x0, top, x1, bottom) in page fractions


def page_words(page, textpage) -> list[Box]:
    """The words of one pypdfium2 page (and its text page), with boxes in fractions of the displayed page."""
    width, height = _display_size(page)
    return [(text, x0 / width, top / height, x1 / width, bottom / height)
            for text, x0, top, x1, bottom in words_of_chars(page_chars(textpage, page))]


def _display_size(page) -> tuple[float, float]:
    left, bottom, right, top = page.get_mediabox()
    w, h = right - left, top - bottom
    return (h, w) if page.get_rotation() in (90, 270) else (w, h)


def page_chars(textpage, page) -> list[Char]:
    """Every character the page's content draws, in content order, with pdfminer's box: the advance width
    across and the font size high, from the baseline's descent up. pdfium's generated characters are left out;
    a space it generated (it turns some drawn spaces into generated ones) is remembered on the next character,
    and ends a word where that character follows the one drawn before it."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: one per index, read one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    left, bottom, right, top = page.get_mediabox()
    place = _placement(page.get_rotation(), left, bottom, right, top)
    rotation = math.radians(page.get_rotation())
    rect = pdfium_c.FS_RECTF()
    handle, box, rect_ref = textpage.raw, pdfium_c.FPDFText_GetLooseCharBox, ctypes.byref(rect)
    generated = pdfium_c.FPDFText_IsGenerated
    objects: dict[int, tuple[bool, float | None, float | None]] = {}  # text object -> its letters' facts
    chars: list[Char] = []
    spaced = False  # pdfium generated a space since the last character
    for i in range(count):
        char = text[i]
        if char in " \r\n" and generated(handle, i):
            spaced = spaced or char == " "
            continue
        obj = _text_object(handle, i)
        if not obj:
            continue
        if obj not in objects:
            objects[obj] = _object_facts(handle, i, obj, rotation)
        upright, low, high = objects[obj]
        if not box(handle, i, rect_ref):
            continue
        if low is None:
            low, high = rect.bottom, rect.top
        x0, top0, x1, bottom0 = place(rect.left, high, rect.right, low)
        chars.append((_HYPHENS.get(char, char), x0, top0, x1, bottom0, upright, len(chars), spaced))
        spaced = False
    return chars


_HYPHENS = {"\ufffe": "-", "\x02": "-"}  # pdfium marks a hyphen ending a line so
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)  # the object's address, 0 if generated


def _object_facts(handle, index: int, obj: int, rotation: float) -> tuple[bool, float | None, float | None]:
    """(whether the object's letters stand upright on the displayed page — pdfminer's 'upright': any direction
    but a quarter turn —, and for text drawn level, slanted or not, the bottom and top of pdfminer's box in user
    space: from the font's descent below the baseline, the font size high; None, None for other text, which keeps
    pdfium's loose box). pdfium's own loose box is ascent - descent high and grows with accents."""
    upright = abs(math.cos(pdfium_c.FPDFText_GetCharAngle(handle, index) - rotation)) > 1e-3
    matrix, descent = pdfium_c.FS_MATRIX(), ctypes.c_float()
    font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT))
    if not pdfium_c.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)) or abs(matrix.b) > 1e-9 \
            or not font or not pdfium_c.FPDFFont_GetDescent(font, 1.0, ctypes.byref(descent)):
        return upright, None, None
    below = _standard_descent(font)
    below = descent.value if below is None else below
    size = pdfium_c.FPDFText_GetFontSize(handle, index)
    low, high = matrix.f + matrix.d * below * size, matrix.f + matrix.d * (below + 1) * size
    return upright, min(low, high), max(low, high)


def _standard_descent(font) -> float | None:
    """The descent (em) pdfminer takes for a standard font the PDF does not embed (Adobe's font metrics, where
    pdfium has its own substitutes' outlines); None for other fonts."""
    if pdfium_c.FPDFFont_GetIsEmbedded(font):
        return None
    name = ctypes.create_string_buffer(64)
    if not 0 < pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name)) <= len(name):
        return None
    return _STANDARD_DESCENTS.get(name.value.decode("latin-1"))


_STANDARD_DESCENTS = {
    **{f"Courier{style}": -0.194 for style in ("", "-Bold", "-BoldOblique", "-Oblique")},
    **{f"CourierNew{style}": -0.194 for style in ("", ",Italic", ",Bold", ",BoldItalic")},
    **{f"Helvetica{style}": -0.207 for style in ("", "-Bold", "-BoldOblique", "-Oblique")},
    **{f"Arial{style}": -0.207 for style in ("", ",Italic", ",Bold", ",BoldItalic")},
    **{f"Times-{style}": -0.217 for style in ("Roman", "Bold", "BoldItalic", "Italic")},
    **{f"TimesNewRoman{style}": -0.217 for style in ("", ",Italic", ",Bold", ",BoldItalic")},
}


def _placement(rotation: int, left: float, bottom: float, right: float, top: float):
    """A function from a box in PDF user space (left, top, right, bottom) to (x0, top, x1, bottom) in points of
    the displayed page, origin top left, after the page's clockwise /Rotate."""
    if rotation == 90:
        return lambda x0, y1, x1, y0: (y0 - bottom, x0 - left, y1 - bottom, x1 - left)
    if rotation == 180:
        return lambda x0, y1, x1, y0: (right - x1, y0 - bottom, right - x0, y1 - bottom)
    if rotation == 270:
        return lambda x0, y1, x1, y0: (top - y1, right - x1, top - y0, right - x0)
    return lambda x0, y1, x1, y0: (x0 - left, top - y1, x1 - left, top - y0)


def words_of_chars(chars: list[Char]) -> list[Box]:
    """pdfplumber's word grouping (`extract_words(x_tolerance=1.5)`, other settings its defaults): runs of
    characters of one orientation, clustered into lines, sorted along them and cut at blanks and gaps."""
    words: list[Box] = []
    for upright, run in groupby(chars, key=lambda c: c[5]):
        for line in _lines(list(run), upright):
            words.extend(_cut(line, upright))
    return words


def _lines(chars: list[Char], upright: bool) -> list[list[Char]]:
    """Lines of upright text clustered by top (3 pt), of turned text by x0 (1.5 pt); each sorted along."""
    key, tolerance = (2, Y_TOLERANCE) if upright else (1, X_TOLERANCE)
    cluster: dict[float, int] = {}
    last, index = None, -1
    for value in sorted({c[key] for c in chars}):
        if last is None or value > last + tolerance:
            index += 1
        cluster[value] = index
        last = value
    rows: dict[int, list[Char]] = {}
    for char in chars:
        rows.setdefault(cluster[char[key]], []).append(char)
    along = (lambda c: c[1]) if upright else (lambda c: (c[2], c[4]))
    return [sorted(rows[i], key=along) for i in sorted(rows)]


def _cut(line: list[Char], upright: bool) -> list[Box]:
    """The words of one sorted line: a blank ends a word; so does a letter before the previous one's start,
    beyond its end + tolerance, off its line, or drawn right after it with a space pdfium generated between."""
    if upright:
        start, end, across, gap, off = 1, 3, 2, X_TOLERANCE, Y_TOLERANCE
    else:
        start, end, across, gap, off = 2, 4, 1, Y_TOLERANCE, X_TOLERANCE
    words, current = [], []
    for char in line:
        if char[0].isspace():
            if current:
                words.append(_merge(current))
            current = []
            continue
        if current:
            prev = current[-1]
            if char[start] < prev[start] or char[start] > prev[end] + gap or abs(char[across] - prev[across]) > off \
                    or (char[7] and char[6] == prev[6] + 1):
                words.append(_merge(current))
                current = []
        current.append(char)
    if current:
        words.append(_merge(current))
    return words


def _merge(chars: list[Char]) -> Box:
    text = "".join(LIGATURES.get(c[0], c[0]) for c in chars)
    return (text, min(c[1] for c in chars), min(c[2] for c in chars), max(c[3] for c in chars),
            max(c[4] for c in chars))
