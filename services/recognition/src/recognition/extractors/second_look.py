"""The second look of OCR: when the totals do not add up, each totals amount is read again from a narrow strip
of the page as one line, which recovers leading digits and cents the page reading lost. A new reading is kept
only when the totals then add up (the caller decides); `read_strip` is the OCR of one strip image."""
from __future__ import annotations

import re

from PIL import Image

from recognition.domain.layout import TextDocument, Word, group_lines
from recognition.domain.parsing import amounts_in, ocr_digits
from recognition.domain.search import label_hits
from recognition.domain.totals_basics import TOTAL_FIELDS

STRIP_LEFT_CHARS = 6  # how far left of a totals amount the second look reaches, in the amount's character widths
STRIP_CENTS_CHARS = 3  # how far right of an amount cut after its separator ('51,056.') it reaches


def second_look(doc: TextDocument, images: list[Image.Image], read_strip) -> TextDocument:
    """Totals amounts whose leading digits tesseract's layout analysis dropped ('30 783,94' read '783,94': a wide
    thousands space split the number into two columns and the short one was lost, or read as '„'): the strip
    from a few characters left of each labelled amount is read again as one line, and a reading whose amount
    ends with the same digits and has more of them replaces the word. An amount cut after its decimal separator
    ('51,056.', a frame line beside the cents) is read again with a strip reaching right of it. The document
    itself when nothing changed."""
    replaced: dict[int, Word | None] = {}
    for hit in label_hits(doc, TOTAL_FIELDS):
        line = doc.lines[hit.line_index]
        right = [(w, off) for w, off in zip(line.words, line.offsets) if off >= hit.end]
        numbers = [w for w, _ in right if re.search(r"\d[.,](\d{2}(?!\d)|$)", ocr_digits(w.text))]
        if not numbers or line.page > len(images):
            continue
        word, image = numbers[-1], images[line.page - 1]
        char = (word.x1 - word.x0) / max(len(word.text), 1)
        height = word.y1 - word.y0
        cut = ocr_digits(word.text)[-1] in ".,"  # '51,056.': the cents lost at the right (a frame line beside)
        left, right_edge = (1, STRIP_CENTS_CHARS) if cut else (STRIP_LEFT_CHARS, 0.5)
        box = (max(0, round((word.x0 - left * char) * image.width)),
               max(0, round((word.y0 - 0.6 * height) * image.height)),
               min(image.width, round((word.x1 + right_edge * char) * image.width)),
               min(image.height, round((word.y1 + 0.6 * height) * image.height)))
        if box[2] - box[0] < 8 or box[3] - box[1] < 8:
            continue
        text = read_strip(image.crop(box))
        if cut:
            if (raw := _with_cents(word.text, text)) is not None:
                replaced[id(word)] = Word(raw, word.x0, word.y0, word.x1 + (len(raw) - len(word.text)) * char,
                                          word.y1, min(word.conf, 0.8))
            continue
        if (raw := _longer_amount(word.text, text)) is not None:
            extra = max(0, len(raw) - len(word.text))
            replaced[id(word)] = Word(raw, max(0.0, word.x0 - extra * char), word.y0, word.x1, word.y1,
                                      min(word.conf, 0.8))
            # what the first reading made of the lost digits ('-', '„', '265' apart): the strip read it again
            for other, _ in right:
                if other is not word and other.x0 >= box[0] / image.width and other.x1 <= word.x0 + char / 2 \
                        and not any(c.isalpha() for c in other.text):
                    replaced[id(other)] = None
    if not replaced:
        return doc
    lines = []
    for page in range(1, doc.page_count + 1):
        words = [replaced.get(id(w), w) for line in doc.lines if line.page == page for w in line.words]
        lines.extend(group_lines(page, [w for w in words if w is not None]))
    return TextDocument(doc.method, lines, doc.page_count)


def _with_cents(word: str, strip: str) -> str | None:
    """The amount read in the strip when it is the word ('51,056.') with its two cents digits: the same digits
    before the separator, the same sign. None otherwise."""
    again = amounts_in(ocr_digits(strip))
    if not again:
        return None
    value, start, end = again[-1]
    digits = "".join(c for c in f"{abs(value):.2f}" if c.isdigit())
    if digits[:-2] != "".join(c for c in ocr_digits(word) if c.isdigit()) or (value < 0) != ("-" in word):
        return None
    return strip[start:end].strip()


def _longer_amount(word: str, strip: str) -> str | None:
    """The amount read in the strip when it is the word with leading digits it lacked: more digits, the same
    cents (the digits right of the separator sit where the word was and were read twice), a larger value of the
    same sign. None otherwise."""
    again = amounts_in(ocr_digits(strip))
    if not again:
        return None
    old_digits = "".join(c for c in ocr_digits(word) if c.isdigit())
    old = amounts_in(ocr_digits(word))
    value, start, end = again[-1]
    new_digits = "".join(c for c in f"{abs(value):.2f}" if c.isdigit())
    if len(old_digits) < 2 or len(new_digits) <= len(old_digits) or new_digits[-2:] != old_digits[-2:]:
        return None
    if old and abs(value) <= abs(old[-1][0]) or (value < 0) != bool(old and old[-1][0] < 0):
        return None  # not larger, or a sign the word did not have (a stray dash in the strip)
    return strip[start:end].strip()
