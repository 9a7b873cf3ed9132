"""VAT numbers, enterprise numbers, IBANs, BICs and payment references found in text, checked with python-stdnum."""
from __future__ import annotations

import re

from stdnum import bic as stdbic
from stdnum import iban as stdiban
from stdnum import iso11649
from stdnum.be import ogm_vcs
from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError

_VAT = re.compile(  # a lookahead, so a failed candidate does not hide one starting inside it ('BE BE0123…')
    r"(?=\b((AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|CHE)"
    r"[\s.:-]{0,2}((?:[0-9A-Z][\s.-]?){7,14}[0-9A-Z])))"
)
_BE_ENTERPRISE = re.compile(r"(?<![\d.])([01][\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{3})(?![\d.]\d)")
_IBAN = re.compile(r"\b([A-Z]{2}[0-9OIL] ?[0-9OIL](?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?)")
_BIC = re.compile(r"\b([A-Z]{4}(?:AT|BE|BG|CY|CZ|DE|DK|EE|ES|FI|FR|GB|GR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE"
                  r"|SI|SK|CH|NO|US)[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b")
_OGM = re.compile(r"([+*]{3}\s?\d{3}\s?/\s?\d{4}\s?/\s?\d{5}\s?[+*]{3}|(?<!\d)\d{3}/\d{4}/\d{5}(?!\d))")
_RF = re.compile(r"\b(RF\d{2}(?:\s?[A-Z0-9]{1,4}){1,6})\b")


_AS_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "Z": "2", "S": "5",
                           "B": "8", "G": "6", "T": "7"})
_NUMERIC_VAT = {"BE", "DE", "LU", "IT", "DK", "FI", "SE", "PL", "PT", "SI", "EE", "HU", "LT", "LV", "MT", "HR"}
_NUMERIC_IBAN = {"BE", "DE", "LU", "AT", "PL", "PT", "SI", "EE", "HU", "FI", "SK", "CZ", "ES", "DK", "HR", "LT"}


def as_digits(text: str) -> str:
    """Letters OCR confuses with digits read as those digits ('BEO8' -> 'BE08' once the prefix is cut off)."""
    return text.upper().translate(_AS_DIGIT)


def compact_vat(raw: str) -> str | None:
    """The compact VAT number ('BE0123456749') if `raw` is a valid EU or UK one, else None."""
    candidate = re.sub(r"[\s.:-]", "", raw.upper())
    if candidate.startswith("BE") and len(candidate) == 11:
        candidate = "BE0" + candidate[2:]
    number = _valid_vat(candidate)
    if number is None and candidate[:2] in _NUMERIC_VAT and not candidate[2:].isdigit() and not _has_word(raw[2:]):
        number = _valid_vat(candidate[:2] + as_digits(candidate[2:]))
    if number is None and "O" in candidate[2:]:  # letter O for zero where the format also allows letters (FR, NL)
        number = _valid_vat(candidate[:2] + candidate[2:].replace("O", "0"))
    if number is None and (m := _LETTER_PLACE.match(candidate)) and m.group(2) in _AS_LETTER:
        number = _valid_vat(m.group(1) + _AS_LETTER[m.group(2)] + m.group(3))
    return number


_AS_LETTER = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G"}
_LETTER_PLACE = re.compile(r"^(IE\d{7}|NL\d{9})(\d)(\d{2}|[A-Z]?)$")
"""Where a country's format has a letter (Ireland's check letter after seven digits, the Dutch 'B' before the
last two digits), a digit OCR read in its place ('IE36689970H' for 'IE3668997OH') is tried as that letter, kept
only when the check holds."""


def _has_word(raw: str) -> bool:
    """Whether a part of `raw` between separators is a word (three letters or more, more letters than digits:
    'Gottingen' after a postcode), which OCR did not misread from digits: its letters are never read as digits."""
    for part in re.split(r"[\s.:-]+", raw):
        letters = sum(c.isalpha() for c in part)
        if letters >= 3 and letters > len(part) - letters:
            return True
    return False


def _valid_vat(candidate: str) -> str | None:
    try:
        number = eu_vat.validate(candidate)
    except (ValidationError, Exception):
        return None
    return number if number[:2].isalpha() else None


def vat_numbers_in(text: str) -> list[tuple[str, int, int]]:
    """Every valid VAT number in `text`: (compact, start, end)."""
    out: list[tuple[str, int, int]] = []
    for m in _VAT.finditer(text.upper()):
        if out and m.start() < out[-1][2]:
            continue
        tail = m.group(3)
        # the greedy tail may swallow the next word: try shorter cuts until one validates
        for cut in range(len(tail), 6, -1):
            if number := compact_vat(m.group(2) + tail[:cut]):
                out.append((number, m.start(), m.start() + len(m.group(1)) - (len(tail) - cut)))
                break
    return out


def enterprise_numbers_in(text: str) -> list[tuple[str, int, int]]:
    """Belgian enterprise numbers written without 'BE' ('0123.456.749'): (10 digits, start, end)."""
    out = []
    for m in _BE_ENTERPRISE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if be_vat.is_valid(digits):
            out.append((digits.zfill(10), m.start(), m.end()))
    return out


def ibans_in(text: str) -> list[tuple[str, int, int]]:
    """Every valid IBAN in `text`: (compact, start, end)."""
    out = []
    for m in _IBAN.finditer(text.upper()):
        raw = m.group(1)
        parts = raw.split(" ")
        for cut in range(len(parts), 0, -1):  # drop trailing words that are not part of it
            candidate = _repair_iban("".join(parts[:cut]))
            if candidate:
                out.append((candidate, m.start(), m.start() + len(" ".join(parts[:cut]))))
                break
    return sorted(out + _ibans_regrouped(text.upper(), out), key=lambda found: found[1])


_IBAN_LENGTH = {"BE": 16, "NL": 18, "LU": 20, "DE": 22, "FR": 27, "GB": 22, "IE": 22, "ES": 24, "IT": 27,
                "AT": 20, "CH": 21, "PT": 25, "DK": 18, "FI": 18, "SE": 24, "PL": 28, "CZ": 24}
_IBAN_START = re.compile(r"\b(AT|BE|CH|CZ|DE|DK|ES|FI|FR|GB|IE|IT|LU|NL|PL|PT|SE)(?=[ ]?[0-9OILSBGQDZ]{1,3}[ ]?\d)")
_CHECK_DIGIT_READINGS = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "58", "B": "8", "G": "6", "Z": "2"}


def _ibans_regrouped(text: str, taken: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """IBANs whose groups OCR split or merged anywhere ('BE68 539 00754 7034'): from a country code, the
    next characters without spaces cut at that country's IBAN length; kept only if the checksum passes."""
    out = []
    for m in _IBAN_START.finditer(text):
        if any(start <= m.start() < end for _, start, end in taken):
            continue
        length = _IBAN_LENGTH[m.group(1)]
        for stray in (False, True):  # also with one character OCR added after the country code ('LUS59 …')
            chars, end = [], m.start()
            for pos in range(m.start(), min(len(text), m.start() + 2 * length)):
                ch = text[pos]
                if ch == " ":
                    continue
                if not ch.isalnum():
                    break
                chars.append(ch)
                end = pos + 1
                if len(chars) == length + stray:
                    break
            if len(chars) != length + stray or (end < len(text) and text[end].isalnum()):
                continue
            if stray:
                if not chars[2].isalpha():
                    continue
                del chars[2]
            found = {c for c in map(_repair_iban, _check_digit_readings("".join(chars))) if c}
            if len(found) == 1:  # one reading only passes the checksum: otherwise no way to tell which
                out.append((found.pop(), m.start(), end))
                break
    return out


def _check_digit_readings(candidate: str) -> list[str]:
    """The candidate with each letter OCR may have read for a check digit ('BESI' → BE51, BE81) as those digits."""
    options = [_CHECK_DIGIT_READINGS.get(c, c) if not c.isdigit() else c for c in candidate[2:4]]
    return [candidate[:2] + a + b + candidate[4:] for a in options[0] for b in options[1]]


def _repair_iban(candidate: str) -> str | None:
    """The IBAN if it checks, also after reading OCR letter/digit confusions as digits where only digits belong."""
    if stdiban.is_valid(candidate):
        return stdiban.compact(candidate)
    country, rest = candidate[:2], candidate[2:]
    fixed = country + as_digits(rest[:2]) + (as_digits(rest[2:]) if country in _NUMERIC_IBAN else rest[2:])
    return stdiban.compact(fixed) if fixed != candidate and stdiban.is_valid(fixed) else None


def bics_in(text: str) -> list[tuple[str, int, int]]:
    """Every well-formed BIC in `text`: (compact, start, end)."""
    return [(m.group(1), m.start(), m.end()) for m in _BIC.finditer(text) if stdbic.is_valid(m.group(1))]


_OGM_LOOSE = re.compile(r"(?<![\d/])((?:\d ?){3,6})/ ?((?:\d ?){4})/ ?((?:\d ?){5,8})(?![\d/])")


def _ogm_as_ocr_read(m: re.Match) -> str | None:
    """The 12 digits of a structured communication as OCR may print it: a space inside a group ('1 48'), or a
    '+' of the '+++' frame read as '4' ('44025/…', '…/2957544+'); None when the groups do not fit that."""
    first, middle, last = (re.sub(r"\s", "", g) for g in m.groups())
    if len(middle) != 4 or (extra := first[:-3]).strip("4") or last[5:].strip("4"):
        return None
    return first[-3:] + middle + last[:5]


def payment_references_in(text: str) -> list[tuple[str, int, int]]:
    """Belgian structured communications ('+++ddd/dddd/ddddd+++') and RF references that pass their check."""
    out = []
    for m in _OGM.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if ogm_vcs.is_valid(digits):
            out.append((f"+++{ogm_vcs.format(digits)}+++", m.start(), m.end()))
    if not out:  # the check digits (mod 97) still decide: a loose reading that does not check is dropped
        for m in _OGM_LOOSE.finditer(text):
            if (digits := _ogm_as_ocr_read(m)) and ogm_vcs.is_valid(digits):
                out.append((f"+++{ogm_vcs.format(digits)}+++", m.start(), m.end()))
    for m in _RF.finditer(text.upper()):
        parts = m.group(1).split(" ")
        for cut in range(len(parts), 0, -1):
            if iso11649.is_valid("".join(parts[:cut])):
                out.append((iso11649.compact("".join(parts[:cut])), m.start(), m.end()))
                break
    return out


def normalise_payment_reference(raw: str) -> str | None:
    """A structured communication or RF reference in its canonical form, or None when it does not check."""
    found = payment_references_in(raw)
    if found:
        return found[0][0]
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 12 and ogm_vcs.is_valid(digits):
        return f"+++{ogm_vcs.format(digits)}+++"
    return None


def enterprise_number_of(vat: str) -> str | None:
    """The Belgian enterprise number (10 digits) of a Belgian VAT number."""
    return vat[2:] if vat.startswith("BE") else None
