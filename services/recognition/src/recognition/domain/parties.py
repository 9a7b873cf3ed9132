"""Seller and buyer: VAT numbers, enterprise numbers, IBAN, BIC and names, placed by layout or the dossier's VAT."""
from __future__ import annotations

import re
from dataclasses import dataclass

from recognition.domain.fields import confidence
from recognition.domain.identifiers import bics_in, enterprise_number_of, ibans_in, vat_numbers_in
from recognition.domain.labels import DOCUMENT_TYPES
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.model import Found, Party
from recognition.domain.search import Candidate, folded, label_hits

_LEGAL_FORM = re.compile(r"\b(SA|SRL|SPRL|SC|SCRL|SNC|ASBL|NV|BV|BVBA|CV|CVBA|VOF|VZW|GmbH|AG|KG|OHG|UG|e\.K\.|"
                         r"Ltd|Limited|LLC|Inc|PLC|SAS|SARL|EURL|BV BA|Sàrl)\b\.?")


@dataclass(frozen=True)
class Region:
    """A rectangle of one page where the buyer's block is (below and around a buyer label)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, line: TextLine, start: int, end: int) -> bool:
        words = line.words_between(start, end) or line.words
        x = (words[0].x0 + words[-1].x1) / 2
        return line.page == self.page and self.y0 <= line.y <= self.y1 and self.x0 <= x <= self.x1


def buyer_regions(doc: TextDocument) -> list[Region]:
    """Where buyer blocks are: from each buyer label down ~7 lines, in the label's column."""
    regions = []
    for hit in label_hits(doc, ["buyer"]):
        line = doc.lines[hit.line_index]
        words = line.words_between(hit.start, hit.end)
        if not words or words[0].y0 > 0.6:
            continue
        height = words[0].y1 - words[0].y0
        regions.append(Region(line.page, max(0.0, words[0].x0 - 0.05), words[0].y0 - height,
                              min(1.0, words[0].x0 + 0.45), words[0].y1 + height * 12))
    return regions


def _in_buyer(regions: list[Region], line: TextLine, start: int, end: int) -> bool:
    return any(r.holds(line, start, end) for r in regions)


def _collect(doc: TextDocument, finder, base: float, regions: list[Region]) -> tuple[list[Found[str]], list[Found[str]]]:
    """Values found by `finder`, split into (outside any buyer block, inside one), each value once."""
    seller, buyer, seen = [], [], set()
    for line in doc.lines:
        for value, start, end in finder(line.text):
            if value in seen:
                continue
            seen.add(value)
            cand = Candidate(value, line, start, end, 0, "")
            found = Found(value, confidence(base, doc, cand), line.evidence(doc.method, start, end))
            (buyer if _in_buyer(regions, line, start, end) else seller).append(found)
    return seller, buyer


def find_parties(doc: TextDocument) -> tuple[Party, Party]:
    """Seller and buyer by layout: VAT numbers inside a buyer block are the buyer's, the others the seller's."""
    regions = buyer_regions(doc)
    seller_vats, buyer_vats = _collect(doc, vat_numbers_in, 0.97, regions)
    vats = seller_vats + buyer_vats
    seller_vat = seller_vats[0] if seller_vats else None
    buyer_vat = buyer_vats[0] if buyer_vats else (seller_vats[1] if len(seller_vats) > 1 else None)
    if seller_vat is None and len(buyer_vats) > 1:
        seller_vat = buyer_vats[1]
    if len(vats) > 1 and not buyer_vats:  # roles by reading order only: less sure
        seller_vat = seller_vat.scaled(0.85) if seller_vat else None
        buyer_vat = buyer_vat.scaled(0.85) if buyer_vat else None
    seller_ibans, _ = _collect(doc, ibans_in, 0.95, regions)
    seller = Party(vat_number=seller_vat, iban=seller_ibans[0] if seller_ibans else None)
    seller.bic = _find_bic(doc, seller.iban)
    if seller_vat is not None and (ent := enterprise_number_of(seller_vat.value)):
        seller.enterprise_number = Found(ent, seller_vat.confidence, seller_vat.evidence)
    if seller_vat is not None:
        seller.country = Found(seller_vat.value[:2].replace("EL", "GR"), seller_vat.confidence, seller_vat.evidence)
    elif seller.iban is not None:
        seller.country = Found(seller.iban.value[:2], 0.6, seller.iban.evidence)
    seller.name = _seller_name(doc, regions)
    buyer = Party(vat_number=buyer_vat, name=_buyer_name(doc, regions))
    return seller, buyer


def _find_bic(doc: TextDocument, iban: Found[str] | None) -> Found[str] | None:
    for line in doc.lines:
        for value, start, end in bics_in(line.text):
            same_country = iban is not None and value[4:6] == iban.value[:2]
            labelled = re.search(r"(?i)\b(bic|swift)\b", line.text[:start]) is not None
            if same_country or labelled:
                base = 0.95 if same_country and labelled else 0.85
                cand = Candidate(value, line, start, end, 0, "")
                return Found(value, confidence(base, doc, cand), line.evidence(doc.method, start, end))
    return None


def _is_title(text: str) -> bool:
    low = text.lower()
    return any(w in low for words in DOCUMENT_TYPES.values() for w in words) or not re.search(r"[A-Za-z]{2}", text)


def _seller_name(doc: TextDocument, regions: list[Region]) -> Found[str] | None:
    """The first line with a legal form outside the buyer block; else the first header line that is not a title."""
    first_page = [ln for ln in doc.lines if ln.page == 1 and ln.y < 0.35]
    for line in first_page:
        m = _LEGAL_FORM.search(line.text)
        if m and not _in_buyer(regions, line, 0, len(line.text)) and not _is_title(line.text):
            return Found(line.text.strip(), 0.8, line.evidence(doc.method, 0, len(line.text)))
    for line in first_page:
        if not _in_buyer(regions, line, 0, len(line.text)) and not _is_title(line.text) and len(line.text) > 3:
            return Found(line.text.strip(), 0.5, line.evidence(doc.method, 0, len(line.text)))
    return None


def _buyer_name(doc: TextDocument, regions: list[Region]) -> Found[str] | None:
    """The line just below a buyer label."""
    for hit in label_hits(doc, ["buyer"]):
        line = doc.lines[hit.line_index]
        rest = line.text[hit.end:].strip(" :")
        if len(rest) > 3:
            return Found(rest, 0.6, line.evidence(doc.method, hit.end, len(line.text)))
        below = [ln for ln in doc.lines[hit.line_index + 1:hit.line_index + 4] if any(r.holds(ln, 0, 1) for r in regions)]
        if below:
            return Found(below[0].text.strip(), 0.6, below[0].evidence(doc.method, 0, len(below[0].text)))
    return None
