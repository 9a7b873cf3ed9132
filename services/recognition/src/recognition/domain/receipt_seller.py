"""A receipt's seller: the shop's name in the letterhead, the lines a till prints above the sale.

The letterhead is the top of the slip down to the first title ('TAX INVOICE', 'Kassenbon'), date or amount. In it,
a name is a line of letters that is no street line, phone, web address, label, identifier or greeting. What counts
for one: a legal form (a line holding only the legal form, or a short one ending in it, is joined to the line
above: 'Chickenland Malaysia' + 'Sdn Bhd', and so is the next line of a name ending in '&'), a company or VAT
number on the line right below it or in brackets after it, being the first name of the letterhead, a larger font.
A line OCR read badly (low word confidence, lower case only) counts less. A company the slip says owns or runs the
shop ('Owned by' and a name with its legal form, under a brand or in the footer) is the seller. No shop is named
here: only the shape of a letterhead.
"""
from __future__ import annotations

import re

from recognition.domain.labels import DOCUMENT_TYPES
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.model import Found
from recognition.domain.parsing import amounts_in
from recognition.domain.search import folded
from recognition.domain.seller_name import LEGAL_FORM as _INVOICE_LEGAL_FORM
from recognition.domain.receipt_dates import receipt_dates_in

HEAD_LINES = 12  # the letterhead is at most this many lines
_STREET = re.compile(r"(?<![a-z])(jalan|jln|lorong|lrg|taman|tmn|persiaran|lebuh\w*|bandar|kawasan|kampung|kg|lot|"
                     r"blok|block|unit|level|floor|ground|no|wisma|plaza|mall|centre|center|complex|"
                     r"rue|avenue|chaussee|route|place|road|street|lane|drive|highway|boulevard)(?![a-z])"
                     r"|[a-z]*(straat|steenweg|laan|dreef|plein|strasse|weg|platz|gasse)(?![a-z])")
_STREET_SHORT = re.compile(r"(?<![a-z])(st|rd|ave?|blvd|dr|hwy|str|bd|bld|chee|stwg)(?![a-z])")  # '123 Main St'
_NOT_A_NAME = re.compile(r"(?<![a-z])(welcome|bienvenue|welkom|willkommen|thank\w*|tq|merci|bedankt|danke|"
                         r"www|com|http\w*|tel|fax|hp|h/p|phone|gst|sst|vat|tva|btw|mwst|ust|reg|company no|co no|"
                         r"roc|invoice|receipt|bill|cashier|counter|table|order|slip)(?![a-z])")
_ID_LINE = re.compile(r"(?<![a-z])(co\.?\s?(no|reg)|company|reg\w*|roc|ssm|gst|sst|vat|tva|btw|ust|mwst|"
                      r"kvk|ondernemingsnummer|siret|siren|hrb)(?![a-z])|^\W*[a-z]{0,3}\d[\d.\- ]{3,}(-?\s?[a-z])?\W*$")
_REGISTRATION = re.compile(r"\s*\([^()]*\d{4,}[^()]*\)?\s*$")  # '(1248446-V)' after a name
_TITLES = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for words in DOCUMENT_TYPES.values() for w in words)
                     + r"|cash bill|bill|kassenbon|kasbon)(?![a-z])")
_POSTCODE = re.compile(r"(?<![\w-])\d{4,6}\s?[A-Za-z]|[A-Za-z],?\s\d{4,6}(?![\w-])"  # '81100 JOHOR', 'Brussel 1000'
                       r"|(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w-])")  # a British one: 'SW1A 1AA'
_HOUSE_NUMBER = re.compile(r"\W*(no\.?\s?)?\d+[A-Za-z]?\s?([,/&-]|\s\d)", re.I)  # '109, SS21/1A', 'No.2&4,JALAN'
_LEGAL_PAIRS = (("SDN", "BHD"), ("PTE", "LTD"))  # two-word legal forms, for OCR misreading one letter of each
_LEGAL_WORDS = ("ENTERPRISE", "TRADING", "BERHAD", "LIMITED", "COMPANY", "CORPORATION")  # and of these
_LEADING_NUMBER = re.compile(r"^\W*(#?\d[\d\W]*\s+)+(?=[A-Za-zÀ-ÿ])")  # '#000002 BAIFU (M) Sdn Bhd'
_STORE_NUMBER = re.compile(r"\s+(#|n[o°]\.?\s?|nr\.?\s?)\s?\d+\s*$", re.I)  # 'WALGREENS #1234': the branch's number
_OPEN_END = re.compile(r"(&|\+|\band|\bet|\ben|\bund|-)\s*$", re.I)  # 'HOME MASTER HARDWARE &' goes on below
_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]")
LEGAL_FORM = re.compile(_INVOICE_LEGAL_FORM.pattern + r"|(?<![\w])CO\.(?!\s?(NO|REG)\b)")  # 'COFFEE CO.' (not 'CO. NO.')
_OWNER = re.compile(r"^\W*(owned|own|operated|managed|run|exploite|uitgebaat|betrieben)\s+(by|par|door|von)\b\W*",
                    re.I)  # 'Owned by: Chef Lee Sdn Bhd', under a brand's name

NAMED_CONFIDENCE = 0.8  # a legal form or a company number right below: very likely the issuer
PLAIN_CONFIDENCE = 0.65  # the first name of the letterhead


def _head(doc: TextDocument) -> list[int]:
    """The indexes of the letterhead's lines: page 1 down to the first title, date or amount."""
    out = []
    for index, line in enumerate(doc.lines[:HEAD_LINES]):
        if line.page != 1:
            break
        text = folded(line)
        if _TITLES.search(text) or receipt_dates_in(line.text) or amounts_in(line.text):
            break
        out.append(index)
    return out


def _continues(line: TextLine) -> bool:
    """Whether a line finishes the name above it: the legal form alone ('Sdn Bhd'), or a short name ending in one
    ('RESTAURANT SDN BHD')."""
    return _legal_form_only(line.text) or (bool(LEGAL_FORM.search(line.text)) and len(_text(line).split()) <= 3
                                           and _name(line))


def _height(line: TextLine) -> float:
    """The median height of a line's words (one tall glyph or a comma's tail does not make a large font)."""
    heights = sorted(w.y1 - w.y0 for w in line.words)
    return heights[len(heights) // 2]


def _legal_form_only(text: str) -> bool:
    return bool(LEGAL_FORM.search(text)) and len(_LETTERS.findall(LEGAL_FORM.sub("", text))) < 2


def _text(line: TextLine) -> str:
    """The line without a company number after the name, an owner's label before it ('Own by:') and the stray
    marks around it, a legal form OCR misread by a letter in each word given as printed ('SIN EHD' → 'SDN BHD',
    'ENIERPRISE' → 'ENTERPRISE')."""
    text = _OWNER.sub("", _LEADING_NUMBER.sub("", _STORE_NUMBER.sub("", _REGISTRATION.sub("", line.text))))
    return _legal_pair(text.lstrip(" .,;:*-_~").rstrip(" ,;:*-_~"))  # keeps a final "Bhd."


def _legal_pair(text: str) -> str:
    words = text.split(" ")
    last = tuple(re.sub(r"\W", "", w).upper() for w in words[-2:])
    for pair in _LEGAL_PAIRS:
        if len(words) >= 3 and last != pair and all(a == b or _one_letter_off(a, b) for a, b in zip(last, pair)):
            return " ".join(words[:-2] + list(pair))
    return " ".join(_legal_word(w) for w in words)


def _legal_word(word: str) -> str:
    """A long legal-form word OCR misread by one letter, given as printed ('ENIERPRISE' → 'ENTERPRISE')."""
    for form in _LEGAL_WORDS:
        if len(word) >= 6 and word.isalpha() and _one_letter_off(word.upper(), form):
            return form if word.isupper() else form.capitalize()
    return word


def _one_letter_off(a: str, b: str) -> bool:
    """One letter changed, dropped or added ('SON' for 'SDN', 'BD' for 'BHD')."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _address(line: TextLine) -> bool:
    """A street or postcode line: 'Jalan Dedap 13', 'TAMAN JOHOR JAYA', '81100 JOHOR' (not 'Green Lane Pharmacy')."""
    text, low = _text(line), folded(line)
    numbered = bool(re.search(r"\d", _REGISTRATION.sub("", line.text)))  # '123 High Street': the number in front
    street = _STREET.search(low)
    return bool(street and (street.start() == 0 or numbered) or numbered and _STREET_SHORT.search(low)
                or _POSTCODE.search(text) or _HOUSE_NUMBER.match(line.text)) and not LEGAL_FORM.search(text)


def _name(line: TextLine) -> bool:
    text, low = _text(line), folded(line)
    letters = _LETTERS.findall(text)
    if len(letters) < 3 or len(letters) < 0.6 * len(text.replace(" ", "")) or _address(line):
        return False
    if re.search(r"\w\w\s*:\s*\S", text) or sum(c.isdigit() for c in text) > 0.25 * len(text):
        return False  # a label and its value ('Cashier: 01'), a number
    return not _NOT_A_NAME.search(low)


def _owned_by(doc: TextDocument) -> Found[str] | None:
    """The company a slip says runs the shop ('Owned by' and a name with its legal form, on the line or the next,
    anywhere on the slip: under a brand's letterhead or in the footer)."""
    for index, line in enumerate(doc.lines):
        if not _OWNER.match(line.text):
            continue
        named = line if len(_LETTERS.findall(_text(line))) >= 3 else (
            doc.lines[index + 1] if index + 1 < len(doc.lines) else None)
        if named is not None and LEGAL_FORM.search(_text(named)) and _name(named):
            conf = NAMED_CONFIDENCE * (0.9 + 0.1 * named.conf(0, len(named.text)))
            return Found(_text(named), round(conf, 3), named.evidence(doc.method, 0, len(named.text)))
    return None


def receipt_seller(doc: TextDocument) -> Found[str] | None:
    """The shop's name (see the module's doc), or None when the letterhead holds no name."""
    if (owner := _owned_by(doc)) is not None:
        return owner
    head = _head(doc)
    heights = sorted(_height(ln) for ln in doc.lines) or [0.01]
    body = heights[len(heights) // 2]
    best: tuple[float, int, str, bool] | None = None
    rank, address_seen, joined = 0, False, -1
    for index in head:
        line = doc.lines[index]
        address_seen |= _address(line)
        if index == joined or not _name(line) or _legal_form_only(line.text):
            continue
        if address_seen and not LEGAL_FORM.search(line.text):
            continue  # below the address, only a name with its legal form ('Operated by ... Sdn Bhd')
        text = _text(line)
        following = doc.lines[index + 1] if index + 1 < len(doc.lines) and index + 1 in head else None
        named = bool(LEGAL_FORM.search(text) or _REGISTRATION.search(line.text))
        if following is not None and (not named and _continues(following) or _OPEN_END.search(text)
                                      and _name(following)):
            text, named = f"{text} {_text(following)}", named or bool(LEGAL_FORM.search(following.text))
            joined = index + 1
        elif following is not None and _ID_LINE.search(folded(following)):
            named = True
        score = (2.0 if named else 0.0) + max(0.0, 1.5 - 0.3 * rank)
        if _height(line) > 1.25 * body:
            score += 0.5
        if all(not c.isupper() for c in _LETTERS.findall(text)):
            score -= 1.0
        if sum(w.conf for w in line.words) / len(line.words) < 0.6:
            score -= 1.0
        rank += 1
        if best is None or score > best[0]:
            best = (score, index, text, named)
    if best is None:
        return None
    score, index, text, named = best
    line = doc.lines[index]
    conf = (NAMED_CONFIDENCE if named else PLAIN_CONFIDENCE) * (0.9 + 0.1 * line.conf(0, len(line.text)))
    return Found(text, round(conf, 3), line.evidence(doc.method, 0, len(line.text)))


