"""VAT numbers and IBANs that stand right after their label but fail their check digits.

Test and sample invoices (and mistyped real ones) print VAT numbers such as 'DE12435679' or IBANs whose check
digits do not hold. Behind an explicit label ('USt-IdNr.', 'N° TVA', 'VAT number', 'BTW-nr', 'IBAN') and in the
shape of one (a country prefix, then 8 to 12 characters, mostly digits), they are still the document's value:
kept, with a confidence that says they were not verified. A tax number ('Steuernummer 201/113/40209') has no
country prefix and no VAT label, so it is never taken.
"""
from __future__ import annotations

import re

from recognition.domain.parsing import fold

_VAT_LABEL = (r"(?:ust\.?[\s-]*id\.?[\s-]*nr\.?|ust[\s-]?idnr\.?|ust[\s-]?id|umsatzsteuer[\s-]?id\w*|"
              r"uid(?:[\s-]?nr\.?)?|vat[\s-]?(?:reg(?:istration)?\.?\s?)?(?:no\.?|number|id|nr\.?|#)?|"
              r"(?:n[°o]\.?\s?)?intracom(?:munautaire)?|"
              r"n[°o]\.?\s?(?:de\s)?tva(?:\s?intra(?:communautaire)?)?|tva\s?intra(?:communautaire)?|"
              r"(?:identifiant|numero|n°)\s?tva|btw[\s-]?(?:nr\.?|nummer|id)?|tax\s?id|vat)")
_VAT_AFTER_LABEL = re.compile(r"(?<![a-z])" + _VAT_LABEL + r"\s*[:.#]?\s*"
                              r"(?P<v>(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|"
                              r"RO|SE|SI|SK|XI|CHE|EU|NO)[\s.-]?[0-9A-Z](?:[0-9A-Z]|[\s.-](?=\d)){6,16})(?![0-9A-Z])",
                              re.I)
_VAT_SHAPE = re.compile(r"(?<![0-9A-Za-z])(?P<v>(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|"
                        r"PT|RO|SE|SI|SK|XI|CHE|EU|NO)[\s.-]?[0-9A-Z](?:[0-9A-Z]|[\s.-](?=\d)){6,16})(?![0-9A-Za-z])")
_LABEL_ALONE = re.compile(r"(?<![a-z])" + _VAT_LABEL + r"\s*[:.#]?\s*$")
_IBAN_AFTER_LABEL = re.compile(r"(?<![a-z])iban\s*[:.]?\s*(?P<v>[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30})(?![0-9A-Z])", re.I)
_LETTERS = re.compile(r"[A-Za-z]{3}")


def _iban_part(raw: str) -> str:
    """The IBAN's groups of a labelled run, whatever their width ('DE3708 0040 0123 4567 89'), up to a following
    word ('… 89 BIC DRESDEFF'); letters are the bank's code only in the first 8 characters ('GB29 NWBK …')."""
    kept, length = [], 0
    for group in raw.split(" "):
        if length >= 8 and _LETTERS.search(group):
            break
        kept.append(group)
        length += len(group)
    return " ".join(kept)


def _compact(raw: str) -> str:
    return re.sub(r"[\s.-]", "", raw).upper()


def labelled_vats_in(text: str) -> list[tuple[str, int, int]]:
    """VAT-shaped tokens right after a VAT label, compact (not checked: see the module's doc)."""
    folded = fold(text)
    out = []
    for m in _VAT_AFTER_LABEL.finditer(folded if len(folded) == len(text) else text):
        value = _compact(text[m.start("v"):m.end("v")])
        if sum(c.isdigit() for c in value) >= 6:
            out.append((value, m.start("v"), m.end("v")))
    return out


_OTHER_ID_LABEL = re.compile(r"(?<![a-z])(siret|siren|rcs|naf|ape|steuernummer|steuer-?nr|st\.?-?nr|tax number|kvk|"
                             r"hrb|hra|registration number|company number|reg\.? no|handelsregister)\.?\s*[:.#]?\s*$")
_UNPREFIXED_AFTER_LABEL = re.compile(r"(?<![a-z])" + _VAT_LABEL + r"\s*[:.#]?\s*(?P<v>[0-9A-Z]{8,15})(?![0-9A-Z])", re.I)


def after_other_id_label(text: str, start: int) -> bool:
    """Whether a value at `start` stands right after another identifier's label ('Siret : FR20522513233',
    'Steuernummer: …'): then it is that identifier, not a VAT number, whatever its shape."""
    before = fold(text[max(0, start - 30):start])
    return bool(_OTHER_ID_LABEL.search(before)) and not _LABEL_ALONE.search(before)  # 'VAT Reg. No.' is a VAT label


def unprefixed_vats_in(text: str) -> list[tuple[str, int, int]]:
    """Tokens right after a VAT label that lack a country prefix ('N°TVA IUGBU98YFG6'): only worth taking on the
    issuer's legal-mentions line, where the label can only be the seller's (not checked: below 0.9)."""
    folded = fold(text)
    out = []
    for m in _UNPREFIXED_AFTER_LABEL.finditer(folded if len(folded) == len(text) else text):
        value = text[m.start("v"):m.end("v")].upper()
        if sum(c.isdigit() for c in value) >= 3 and not _VAT_SHAPE.match(value):
            out.append((value, m.start("v"), m.end("v")))
    return out


_ENTERPRISE_LABEL = re.compile(
    r"(?<![a-z])(?:ondernemings?[\s-]?(?:nummer|nr)|kbo|bce|rpr|rpm|kbo[\s-]?nr|"
    r"(?:n[°o]|numero)\.?\s?(?:d'|de\s|d\s)?(?:entreprise|tva)|unternehmens[\s-]?(?:nummer|nr)|"
    r"enterprise\s(?:no|number|nr)|" + _VAT_LABEL + r")\.?\s*[:.#]?\s*(?:[a-z]+\s*[:.-]?\s*)?$")


def labelled_enterprise_numbers_in(text: str) -> list[tuple[str, int, int]]:
    """Belgian enterprise numbers (10 digits, mod-97 checked) behind an enterprise-number or VAT label without the
    'BE' prefix ('Ondernemingsnummer 0403.170.701', 'KBO 0403170701', 'N° d'entreprise : …', 'BTW 0403.170.701',
    'RPR Leuven 0403.170.701': one word, the court's seat, may stand between): the enterprise number, and the VAT
    number when the enterprise is liable, both printed from one register in Belgium."""
    from recognition.domain.identifiers import enterprise_numbers_in
    return [(digits, start, end) for digits, start, end in enterprise_numbers_in(text)
            if _ENTERPRISE_LABEL.search(fold(text[max(0, start - 40):start]))]


def labelled_ibans_in(text: str) -> list[tuple[str, int, int]]:
    """IBAN-shaped tokens right after 'IBAN', compact (check digits not verified)."""
    out = []
    for m in _IBAN_AFTER_LABEL.finditer(text):
        raw = _iban_part(m.group("v"))
        value = _compact(raw)
        if 15 <= len(value) <= 34:
            out.append((value, m.start("v"), m.start("v") + len(raw)))
    return out


def vats_under_labels(doc) -> list[tuple[str, int, int, int]]:
    """VAT-shaped tokens on the line just below a VAT label standing alone in its column (footers print
    'USt-IdNr' over 'DE123456789'): (compact value, line index, start, end)."""
    out = []
    for index, line in enumerate(doc.lines[:-1]):
        for chunk in re.finditer(r"\S+(?: \S+)*", line.text):
            if not _LABEL_ALONE.match(fold(chunk.group(0))):
                continue
            words = line.words_between(chunk.start(), chunk.end())
            below = doc.lines[index + 1]
            if not words or below.page != line.page:
                continue
            for m in _VAT_SHAPE.finditer(below.text):
                under = below.words_between(m.start("v"), m.end("v"))
                value = _compact(m.group("v"))
                if under and under[0].x0 < words[-1].x1 + 0.02 and under[-1].x1 > words[0].x0 - 0.02 \
                        and sum(c.isdigit() for c in value) >= 6:
                    out.append((value, index + 1, m.start("v"), m.end("v")))
    return out
