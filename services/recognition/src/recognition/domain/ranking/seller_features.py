"""Features of a seller-name candidate (a phrase of the first page or the last footer) for the re-ranker.

Where it stands (page, height on the page, left edge, footer), how it is written (legal form, capitals, font
size against the body text, words, digits), what is near it (the seller's and the buyer's VAT number or IBAN,
in lines), whether it sits in a seller block, and whether its words are the document's mail or web domain
('info@acme-tools.de' makes 'ACME Tools' likely the issuer). No word list of issuers: only shapes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.parsing import fold
from recognition.domain.regions import Region

_DOMAIN = re.compile(r"(?:@|\bwww\.|https?://(?:www\.)?)([a-z0-9][a-z0-9-]{2,})\.[a-z]{2,}")
_MAILBOX_PROVIDERS = {"gmail", "googlemail", "outlook", "hotmail", "yahoo", "gmx", "web", "t-online", "orange",
                      "free", "icloud", "live", "proton", "protonmail", "aol", "wanadoo", "skynet", "telenet"}
_POSTCODE = re.compile(r"(?<!\d)\d{4,5}\s+[a-z]")
_PARTY = re.compile(r"(?<![a-z])(seller|supplier|vendor|buyer|customer|client|fournisseur|vendeur|acheteur|"
                    r"verkaufer|lieferant|kunde|kaufer|leverancier|klant|koper|rep|representative|representant)"
                    r"(?![a-z])")
_LEGAL = re.compile(r"(?<![\w])(SA|SRL|SPRL|NV|BV|BVBA|VOF|GmbH|AG|KG|OHG|UG|Ltd|Limited|LLC|Inc|PLC|SAS|SASU|SARL|"
                    r"EURL|S\.A\.|B\.V\.|N\.V\.|Corp|Bhd|BHD|LTD|INC|GMBH)(?![\w])", re.I)


def domains_of(doc: TextDocument) -> dict[str, list[int]]:
    """The document's own mail and web domains (their first label, hyphens removed; mailbox providers left out),
    each with the indexes of the lines printing it."""
    found: dict[str, list[int]] = {}
    for index, line in enumerate(doc.lines):
        for m in _DOMAIN.finditer(fold(line.text)):
            name = m.group(1).replace("-", "")
            if name not in _MAILBOX_PROVIDERS and len(name) >= 3:
                found.setdefault(name, []).append(index)
    return found


def domain_lines(text: str, domains: dict[str, list[int]], index: int) -> float:
    """How many lines away the nearest mail or web domain made of the phrase's words is (30: none is)."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    joined = "".join(words)
    near = 30.0
    for d, lines in domains.items():
        if (len(joined) >= 3 and (joined in d or d in joined)) or any(len(w) >= 4 and w in d for w in words):
            near = min(near, float(min(abs(i - index) for i in lines)))
    return near


def sender_lines(doc: TextDocument) -> list[int]:
    """The indexes of the one-line sender addresses printed over a letter's address window ('Alphabet,
    Lilienthalallee 26, 80939 München'): lines of the upper first page cut in three or more parts by commas or
    dots, with a postcode, the first part no label."""
    out = []
    for index, line in enumerate(doc.lines):
        if line.page != 1 or line.y > 0.4:
            continue
        low = fold(line.text)
        parts = _sender_parts(low)
        if len(parts) >= 3 and _POSTCODE.search(low) and ":" not in parts[0]:  # not 'Lieferadresse: …
            out.append(index)
    return out


def _sender_parts(low: str) -> list[str]:
    return [p for p in re.split(r"\s*[,·|•]\s*|\s+-\s+", low) if p]


def sender_words(doc: TextDocument) -> set[str]:
    """The words (4+ letters) opening the sender address lines (`sender_lines`): the sender's name."""
    return {w for index in sender_lines(doc)
            for w in re.findall(r"[a-z]{4,}", _sender_parts(fold(doc.lines[index].text))[0])}


@dataclass
class NameContext:
    """What every phrase of one document is compared with, computed once per document."""

    doc: TextDocument
    body: float
    near: dict[str, list[tuple[int, int]]]
    sellers: list[Region]
    domains: dict[str, list[int]]
    last_page: int
    sender: set[str]

    @classmethod
    def of(cls, doc: TextDocument, body: float, near: dict[str, list[tuple[int, int]]],
           sellers: list[Region]) -> NameContext:
        return cls(doc, body, near, sellers, domains_of(doc), max((ln.page for ln in doc.lines), default=1),
                   sender_words(doc))

    def _distance(self, role: str, line: TextLine, index: int) -> float:
        return float(min((abs(i - index) for page, i in self.near[role] if page == line.page and i >= 0),
                         default=30))

    def features(self, text: str, line: TextLine, index: int, start: int) -> dict[str, float]:
        words = line.words_between(start, start + len(text)) or line.words
        letters = [c for c in text if c.isalpha()]
        height = max(w.y1 - w.y0 for w in line.words)
        return {
            "legal_form": float(bool(_LEGAL.search(text))),
            "in_seller_block": float(any(r.holds(line, start, start + len(text)) for r in self.sellers)),
            "page_one": float(line.page == 1),
            "footer": float(line.page == self.last_page and line.y > 0.75),
            "y": round(line.y, 4),
            "x": round(words[0].x0, 4),
            "height_ratio": round(height / max(self.body, 1e-4), 3),
            "all_lower": float(bool(letters) and all(c.islower() for c in letters)),
            "all_upper": float(bool(letters) and all(c.isupper() for c in letters)),
            "words": float(len(text.split())),
            "chars": float(len(text)),
            "digits": float(sum(c.isdigit() for c in text)),
            "whole_line": float(len(text.strip()) >= len(line.text.strip()) - 1),
            "seller_id_lines": self._distance("seller", line, index),
            "buyer_id_lines": self._distance("buyer", line, index),
            "domain_lines": domain_lines(text, self.domains, index),
            "sender_line": float(bool(self.sender & set(re.findall(r"[a-z]{4,}", fold(text))))),
            "party_word": float(bool(_PARTY.search(fold(text)))),
            "line_position": round(index / max(len(self.doc.lines), 1), 4),
        }
