"""Finders of the header fields: invoice number, dates, currency, payment reference, document type, language."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from recognition.domain.currency_columns import currency_counts
from recognition.domain.date_order import in_order, month_first
from recognition.domain.identifiers import enterprise_numbers_in, payment_references_in, vat_numbers_in
from recognition.domain.labels import DOCUMENT_TYPES, LANGUAGE_HINTS, NOT_THIS_DOCUMENT
from recognition.domain.layout import TextDocument
from recognition.domain.model import Found
from recognition.domain.ocr_codes import joined_codes
from recognition.domain.ranking.choose import Ranked, choose, with_rule_ranks
from recognition.domain.ranking.number_features import number_features
from recognition.domain.parsing import dates_in, fold
from recognition.domain.search import Candidate, LabelHit, folded, label_hits, value_for

_NUMBER_TOKEN = re.compile(r"(?<![\w/-])([A-Z0-9][A-Z0-9/._\-\u2010-\u2014\x00]{1,40}[A-Z0-9]|\d{1,3})(?![\w/-])", re.I)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\x00": "-"})  # a hyphen whose glyph has no Unicode mapping comes out as NUL
_GENERIC = {"n°", "no.", "nr.", "numero", "nummer", "date", "datum"}


def confidence(base: float, doc: TextDocument, cand: Candidate) -> float:
    """A finder's base confidence, lowered by distance from the label and by weak OCR."""
    conf = base - 0.05 * cand.distance
    if doc.method == "ocr":
        conf *= 0.9 + 0.1 * cand.line.conf(cand.start, cand.end)
    return round(max(0.0, min(1.0, conf)), 3)


_SAME_SHAPE = set("cosvwxz")  # letters whose lower case is the capital made smaller: OCR often gets the case wrong


def _number_tokens(text: str) -> list[tuple[object, int, int]]:
    """Codes with a digit; never a date, a VAT number or a Belgian enterprise number (those are the parties')."""
    out = []
    parties = [(s, e) for _, s, e in vat_numbers_in(text)] + [
        (s, e) for _, s, e in enterprise_numbers_in(text) if "." in text[s:e]]
    for m in _NUMBER_TOKEN.finditer(text):
        token = m.group(1).strip("._-/")
        whole_date = any(s == 0 and e == len(token) for _, s, e in dates_in(token))
        if not any(c.isdigit() for c in token) or whole_date:
            continue
        if any(s < m.start() + len(token) and m.start() < e for s, e in parties):
            continue
        if re.fullmatch(r"\d{1,3}([.,]\d{2})?", token) and len(token) < 3:
            continue
        out.append((token.translate(_DASHES), m.start(), m.start() + len(token)))
    return out


def _ocr_number_tokens(text: str) -> list[tuple[object, int, int]]:
    """Codes on OCR'd text, with the pieces OCR split joined again (`ocr_codes`)."""
    return joined_codes(_number_tokens(text), text)


def number_candidates(doc: TextDocument) -> list[Ranked[str]]:
    """Every code with a digit after an invoice-number label, best first by the rules (specific labels before
    generic ones, the same line before the line below, the upper part of the document first), with features."""
    hits = label_hits(doc, ["invoice_number", "issue_date", "due_date"])
    hits += _title_hits(doc, hits)
    out = []
    for hit in hits:
        if hit.field not in ("invoice_number", "title"):
            continue
        generic = hit.label in _GENERIC or len(hit.label) <= 3
        if generic and _not_this_number(doc, hit):
            continue
        cand = value_for(doc, hit, _ocr_number_tokens if doc.method == "ocr" else _number_tokens, below=1,
                         stop_at_label=hits)
        if cand is None:
            continue
        base = (0.78 if hit.field == "title" else 0.8 if generic else 0.95) - (0.1 if hit.line_index > 40 else 0)
        if hit.field == "title" and (cand.distance or cand.start - hit.end > 3):
            continue  # a title labels only the code right after it ('Invoice FI1563', 'Rechnung RE1001')
        conf = confidence(base, doc, cand)
        value = str(cand.value)
        if doc.method == "ocr":  # no check digit: a misread character cannot be caught, so never > 0.9
            conf = min(conf, 0.9)
            value = ocr_case(value)
        found = Found(value, conf, cand.line.evidence(doc.method, cand.start, cand.end))
        row = number_features(doc, hit, cand, value, generic)
        row["rule_score"] = base - 0.05 * cand.distance
        out.append(Ranked(found, row))
    return with_rule_ranks(out)


def find_invoice_number(doc: TextDocument) -> Found[str] | None:
    """The invoice number: the rules' first candidate, or the re-ranker's where it is enabled."""
    return choose("invoice_number", number_candidates(doc), 0.9 if doc.method == "ocr" else 0.95, doc)


_TITLE_WORD = re.compile(r"(" + "|".join(re.escape(w) for w in DOCUMENT_TYPES["invoice"] + DOCUMENT_TYPES["credit_note"])
                         + r")(?![a-z])\s*#?\s*(?=[a-z]*\d)")


def _title_hits(doc: TextDocument, hits: list[LabelHit]) -> list[LabelHit]:
    """A document title opening a line and followed by a code ('Invoice FI15636047324', 'Rechnung RE1001'),
    where no other label stands at the line's start: the title labels that code."""
    out = []
    for index, line in enumerate(doc.lines[:60]):
        m = _TITLE_WORD.match(folded(line))
        if m and not any(h.line_index == index and h.start < m.end(1) for h in hits):
            out.append(LabelHit("title", m.group(1), index, 0, m.end(1)))
    return out


_OTHER_NUMBER_WORDS = (r"client|kunden|customer|commande|order|bestell|contrat|contract|bon|livraison|delivery|liefer|"
                       r"siren|siret|rcs|tva|vat|btw|ust|loi|associee|compte|account|tel|telephone|auftrag|projekt|"
                       r"project|po|lot|article|artikel|item|page|seite|steuer|tax|ordre|reception|cadre|intracom|klant|bestel|"
                       r"levering|offerte|devis|angebot|quote|ondernem|entreprise|unternehmens|kbo|bce|rekening")
_OTHER_NUMBER = re.compile(r"(?<![a-z])(" + _OTHER_NUMBER_WORDS + r")\w*\W*$")
_OTHER_NUMBER_AFTER = re.compile(r"\W*(?:(?:de|du|des|au|d'|van|der|of|the)\s*)*(?:rc|" + _OTHER_NUMBER_WORDS
                                 + r")(?![a-z0-9-])")


def _not_this_number(doc: TextDocument, hit) -> bool:
    """A generic number label ('n°', 'No.') that belongs to something else: a customer or order number, a law
    article, a company register (named before it, 'Kunden-Nr.', or after it, 'N° au RC', 'N° client'), or one
    inside a sentence."""
    text = folded(doc.lines[hit.line_index])
    return bool(_OTHER_NUMBER.search(text[max(0, hit.start - 20):hit.start])) or len(text[:hit.start].split()) > 8 \
        or bool(_OTHER_NUMBER_AFTER.match(text[hit.end:hit.end + 25]))


def ocr_case(code: str) -> str:
    """An OCR'd code whose only letters are lower-case forms shaped like their capitals ('v2024-5099') in capitals:
    the case of c, o, s, v, w, x, z is told by size alone, which OCR often gets wrong; codes are written in capitals."""
    letters = {c for c in code if c.isalpha()}
    if letters and all(c in _SAME_SHAPE for c in letters):
        return code.upper()
    return code


_COMPACT_DATE = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d/.-])")


def _dates(text: str) -> list[tuple[object, int, int]]:
    """The dates after a date label, also written as one number, year first ('Date : 20260815')."""
    found = dates_in(text)
    for m in _COMPACT_DATE.finditer(text):
        if not any(s <= m.start() < e for _, s, e in found):
            found.append((date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


_SPACE_IN_DATE = re.compile(r"(?<=[./-]\d) (?=\d[./-])|(?<=\d) (?=\d[./-]\d)")


def _ocr_dates(text: str) -> list[tuple[object, int, int]]:
    """Dates, also with a space OCR put inside the day or month ('16.1 0.2024'), when none is read as printed."""
    if found := _dates(text):
        return found
    if not _SPACE_IN_DATE.search(text):
        return []
    return [(d, s, e) for d, s, e in dates_in(_SPACE_IN_DATE.sub("", text))]  # offsets shift by a character


def find_dates(doc: TextDocument) -> tuple[Found[date] | None, Found[date] | None]:
    """Issue and due date by their labels; the first date of the document when no issue-date label is found."""
    hits = label_hits(doc, ["issue_date", "due_date", "invoice_number"])
    months_first = month_first(doc)
    found: dict[str, tuple[float, Found[date]]] = {}
    for hit in hits:
        if hit.field == "invoice_number":
            continue
        if _in_prose(doc, hit):
            continue
        cand = value_for(doc, hit, _ocr_dates if doc.method == "ocr" else _dates, below=2, stop_at_label=hits)
        if cand is None or _other_event(doc, hit, cand) or _time_stamp(cand):
            continue
        base = 0.93 if len(hit.label) > 5 else 0.88
        score = base - 0.05 * cand.distance
        if hit.field not in found or score > found[hit.field][0]:
            value = in_order(cand.value, cand.line.text[cand.start:cand.end], months_first)
            found[hit.field] = (score, Found(value, confidence(base, doc, cand),
                                             cand.line.evidence(doc.method, cand.start, cand.end)))
    issue = found.get("issue_date", (0, None))[1]
    due = found.get("due_date", (0, None))[1]
    if issue is None:
        issue = _title_date(doc)
    if issue is None:
        for line in doc.lines[:60]:
            if dates := dates_in(line.text):
                d, s, e = dates[0]
                d = in_order(d, line.text[s:e], months_first)
                if due is None or d != due.value:
                    issue = Found(d, 0.6, line.evidence(doc.method, s, e))
                    break
    if issue and due and due.value < issue.value:
        due = due.scaled(0.6)
    return issue, due


_OTHER_EVENT = re.compile(r"(?<![a-z'])(" + "|".join(re.escape(w) for w in NOT_THIS_DOCUMENT) + r")(?![a-z])")
_TITLE_DATE = re.compile(r"(?<![a-z])(vom|du|dated|date|of|van|le|from)\s*:?\s*$")


def _other_event(doc: TextDocument, hit, cand: Candidate) -> bool:
    """Whether the words around a date label say it is another event's date (delivery, period, related invoice)."""
    line = folded(doc.lines[hit.line_index])
    before = line[max(0, hit.start - 20):hit.start]
    after = line[hit.end:cand.start] if cand.distance == 0 else line[hit.end:hit.end + 25]
    return bool(_OTHER_EVENT.search(before.split(":")[-1]) or _OTHER_EVENT.search(after.split(":")[0]))


_PROSE_WORD = re.compile(r"[a-z]{2,}")
_TIME_LABEL = re.compile(r"^\W*(zeit|uhrzeit|time|heure|tijd)\s*:?\s*\d{1,2}:\d{2}")
_LETTER_DATE = re.compile(r"[a-z)]\s*,\s*(den|le|am|on|the)\s*$")


def _in_prose(doc: TextDocument, hit) -> bool:
    """A date label inside a sentence ('Passée la date d'échéance ci-dessus, une pénalité …'): four or more words
    follow it in its column before any digit or colon, so it labels no value ('Date of issue of the invoice 12/03'
    still does)."""
    text = folded(doc.lines[hit.line_index])
    after = re.split(r"\s{2,}|[\d:]", text[hit.end:], maxsplit=1)[0]
    return len(_PROSE_WORD.findall(after)) >= 4


def _time_stamp(cand: Candidate) -> bool:
    """A date followed by its time label ('Datum: 30.10.2024  Zeit: 04:59:13  Seite: 1'): when the page was
    printed or logged, not the document's date."""
    return bool(_TIME_LABEL.match(fold(cand.line.text[cand.end:])))


def _title_date(doc: TextDocument) -> Found[date] | None:
    """The date in the document's title line ('Rechnung Nr. 123 vom 31.01.2025', 'Facture F-12 du 03/11/2017'),
    else the letter's own date after its place ('München, den 01.11.2024', 'Paris, le 3 mars 2025')."""
    return _date_of_title(doc) or _letter_date(doc)


def _letter_date(doc: TextDocument) -> Found[date] | None:
    for line in doc.lines[:40]:
        text = folded(line)
        for d, s, e in dates_in(line.text):
            if _LETTER_DATE.search(text[:s]):
                return Found(d, 0.85, line.evidence(doc.method, s, e))
    return None


def _date_of_title(doc: TextDocument) -> Found[date] | None:
    for line in doc.lines[:40]:
        text = folded(line)
        if not any(re.search(re.escape(w) + r"(?![a-z])", text) for w in DOCUMENT_TYPES["invoice"]
                   + DOCUMENT_TYPES["credit_note"]):  # compounds count: 'Handelsrechnung', 'Schlussrechnung'
            continue
        for d, s, e in dates_in(line.text):
            if _TITLE_DATE.search(text[:s]):
                return Found(d, 0.85, line.evidence(doc.method, s, e))
    return None


def find_payment_reference(doc: TextDocument) -> Found[str] | None:
    """A Belgian structured communication or RF reference whose check digits are right."""
    for line in doc.lines:
        for ref, start, end in payment_references_in(line.text):
            cand = Candidate(ref, line, start, end, 0, "")
            return Found(ref, confidence(0.97, doc, cand), line.evidence(doc.method, start, end))
    return None


def find_currency(doc: TextDocument) -> Found[str]:
    """The currency most often written; EUR with low confidence when none is."""
    code, n = currency_counts(doc).most_common(1)[0]
    if n == 0:
        return Found("EUR", 0.6)
    return Found(code, 0.95 if n >= 2 else 0.85)


def find_document_type(doc: TextDocument) -> str:
    """credit_note, receipt or invoice by the title words of the first lines; 'other' when none is found."""
    head = " ".join(folded(line) for line in doc.lines[:25])
    for kind, words in DOCUMENT_TYPES.items():
        if any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", head) for w in words):
            return kind
    return "other"


def find_language(doc: TextDocument) -> str | None:
    """The language with most hint words in the text."""
    words = Counter(re.findall(r"[a-z]+", fold(doc.text)))
    scores = {lang: sum(words[w] for w in hints) for lang, hints in LANGUAGE_HINTS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    return lang if score else None
