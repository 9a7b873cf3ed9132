"""The seller's name: the party that issued the document, never the customer, a label, a footer sentence or an
address line.

Every short phrase of the first page (and the footer of the last) is a candidate; what counts for it: a legal
form (SRL, BV, GmbH, Ltd, ...), standing in a seller block ('Verkäufer', 'Fournisseur') or under its 'Name:'
label, being high on the page in the letterhead, a larger font than the body, appearing again elsewhere (the
footer repeats the issuer), and the seller's VAT number or IBAN close by. What rules one out: a buyer block or
buyer words, a label with a colon, digits, dates, amounts, street or postcode shapes, titles, sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from recognition.domain.labels import DOCUMENT_TYPES, LABELS, QUANTITY_WORDS, TABLE_HEADERS
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.model import Found
from recognition.domain.parsing import MONTHS, amounts_in, dates_in, fold
from recognition.domain.ranking.choose import Ranked, with_relative_ranks, with_rule_ranks
from recognition.domain.ranking.seller_features import NameContext, sender_lines
from recognition.domain.regions import Region, says_buyer

LEGAL_FORM = re.compile(r"(?<![\w])(SA|SRL|SPRL|SC|SCRL|SNC|ASBL|NV|N\.V\.|BV|B\.V\.|BVBA|CV|CVBA|VOF|VZW|GmbH|AG|"
                        r"KG|OHG|UG|GbR|e\.K\.|e\.V\.|Ltd|Limited|LLC|Inc|PLC|Pty|SAS|SASU|SARL|EURL|Sàrl|S\.A\.|"
                        r"S\.L\.|SL|S\.p\.A\.|Oy|AB|A/S|ApS|AS|Sp\. z o\.o\.|LLP|Corp|Corporation|Co\.|"
                        r"Sdn\.? Bhd|SDN\.? BHD|Bhd|BHD|Berhad|BERHAD|PTE\.? LTD|Pte\.? Ltd|PLT|S/B|Enterprise|ENTERPRISE|Trading|"
                        r"TRADING|LTD|INC|LLC|GMBH|SARL|SRL|[Aa]uto[- ][Ee]ntrepreneur|AUTO[- ]ENTREPRENEUR|[Mm]icro[- ][Ee]ntreprise|"
                        r"Einzelunternehm\w*|[Ee]enmanszaak|CommV|Comm\.\s?V\.|SComm|SCS|SCA|V\.O\.F\.|B\.V\.B\.A\.|C\.V\.|KGaA|"
                        r"mbH|GesmbH|e\.U\.|SCI|SCOP|SELARL|SELAS|SCP|S\.A\.R\.L\.|S\.A\.S\.|L\.L\.C\.)(?![\w])\.?")
_SPLIT = re.compile(r"\s{2,}|\s[•|·–]\s|\s-\s|,\s(?=\d)")
_ADDRESS = re.compile(r"(?i)(\b\d{4,5}\s+[A-ZÄÖÜa-zäöü]|\b(str\.|straße|strasse|street|st\.|road|rd\.?|avenue|ave\.?|"
                      r"rue|weg|laan|straat|allee|platz|boulevard|bd|chemin|place|suite|floor|p\.?o\.? box|"
                      r"postfach|bp)\b.*\d|\d+[a-z]?,?\s*(rue|avenue|boulevard|street|st|road|chemin|allee)\b|"
                      r"^\d+[a-z]?\s+(\w+\s+){1,3}(st|street|rd|road|ave|avenue|blvd|lane|ln|drive|dr|way|ct|court)\.?$)")
_NOT_NAME = re.compile(r"(?i)(@|www\.|https?:|\btel\b|\bvat\b|\btva\b|\bbtw\b|\bust\b|ust-?id|mwst|phone|fax|e-mail|email|iban|\bbic\b|swift|\bpage\b|seite|"
                       r"adresse|address|\badres\b|anschrift|^(name|nom|naam|firma|company|raison sociale)$|cashier|caissier|"
                       r"kassierer|\bkasse\b|\bmember\b|\btable\b|\bcounter\b|gst|reg\.? no|thank|\bcapital\b|stammkapital|"
                       r"\bsiret\b|\bsiren\b|\br\.?c\.?s\.?\b|\bhrb\b|amtsgericht|registergericht)")
_LABEL_WORDS = {fold(w) for field in ("invoice_number", "issue_date", "due_date", "total_excl_vat", "total_vat",
                                      "total_incl_vat", "buyer") for group in LABELS[field].values() for w in group
                if len(w) > 3}
_TABLE_WORDS = set(TABLE_HEADERS) | set(QUANTITY_WORDS) | {"qty", "amount", "total", "subtotal", "rm", "sr", "zr",
                                                       "gst", "tax", "cash", "change", "disc", "discount"}
_TITLES = {w for words in DOCUMENT_TYPES.values() for w in words}
_NAME_LABEL = re.compile(r"(?i)^\s*(name|nom|naam|firma|firmenname|raison sociale|company|company name|"
                         r"bedrijfsnaam|denomination)\s*:\s*")
_NUMBER_LABEL = re.compile(r"(?<![a-z])(?:nr|n°|nº|no|num|nummer|number|#)\.?\s*\d")
_CURRENCY_CODES = {"EUR", "USD", "GBP", "CHF", "PLN", "CZK", "HUF", "RON", "SEK", "NOK", "DKK", "MYR", "SGD", "AUD",
                   "CAD", "JPY", "CNY", "INR"}
_PARTY_WORDS = {fold(w) for field in ("seller", "buyer") for group in LABELS[field].values() for w in group}
_PARTY_WORDS |= {"representant fiscal", "fiscal representative", "steuerlicher vertreter", "trade name"}


@dataclass
class _Phrase:
    text: str
    line: TextLine
    index: int
    start: int
    score: float = 0.0


def _phrases(doc: TextDocument) -> list[_Phrase]:
    """The short phrases of page 1 and of the last page's bottom, split at column gaps and separators."""
    last = max((ln.page for ln in doc.lines), default=1)
    out = []
    for index, line in enumerate(doc.lines):
        if not (line.page == 1 or (line.page == last and line.y > 0.75)):
            continue
        pos = 0
        for part in _SPLIT.split(line.text):
            start = line.text.find(part, pos)
            pos = start + len(part)
            text = part.strip(" ,;:•|·")
            if text and not part.rstrip().endswith(":") and not line.text[pos:].lstrip().startswith(":"):
                out.append(_Phrase(text, line, index, start))
    return out


_FILLER = {"trade", "trading", "name", "address", "information", "informationen", "zum", "zur", "du", "des", "of", "the",
           "details", "angaben", "gegevens", "coordonnees", "info", "and", "und", "et", "en"}


def _heading(low: str) -> bool:
    """A party heading: party words and filler only ('Informationen zum Verkäufer', 'SELLER TRADE NAME')."""
    rest = low
    for w in sorted(_PARTY_WORDS, key=len, reverse=True):
        rest = re.sub(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", " ", rest)
    return rest != low and all(word in _FILLER for word in re.findall(r"[a-z]+", rest))


def _ruled_out(p: _Phrase) -> bool:
    text, low = p.text, fold(p.text)
    if len(text) < 2 or len(text.split()) > 7 or len(re.findall(r"[A-Za-zÀ-ÿ]", text)) < 3:
        return True
    if _NOT_NAME.search(text) or _ADDRESS.search(text) or dates_in(text) or amounts_in(text) or says_buyer(text):
        return True
    if sum(c.isdigit() for c in text) > 0.25 * len(text) or re.search(r"\w\s*:\s*\S", text) or text.endswith(":"):
        return True
    if _NUMBER_LABEL.search(low):
        return True  # a numbered thing ('Bestelbon nr. 7781', 'Commande n° 12'), not a name
    words = re.findall(r"[a-z]+", low)
    if re.search(r"\d", text) and any(MONTHS.get(w, 0) and len(w) >= 3 for w in words):
        return True  # a date cut at its comma ('April 13', '13 Sep')
    if _heading(low) and not _NAME_LABEL.match(p.line.text[:p.start]):
        return True  # a heading ('SELLER TRADE NAME', 'Représentant fiscal'), not a name ('Firmenname: [Seller name]')
    if text.strip(" .") in _CURRENCY_CODES:
        return True
    if low in _LABEL_WORDS or any(low.startswith(w) for w in _LABEL_WORDS if len(w) > 6):
        return True
    if low.strip(" *-#.") in _TABLE_WORDS:
        return True
    if sum(w in _TABLE_WORDS for w in words) >= 2:
        return True  # an item table's header ('Qty  U. price  Total')
    return any(re.search(r"(?<![a-z])" + re.escape(t) + r"(?![a-z])", low) for t in _TITLES) and len(words) < 4


def _score(doc: TextDocument, p: _Phrase, sellers: list[Region], near: dict[str, list[tuple[int, int]]],
           body: float) -> float:
    line = p.line
    score = 2.0 if LEGAL_FORM.search(p.text) else 0.0
    if any(r.holds(line, p.start, p.start + len(p.text)) for r in sellers):
        score += 2.0
    if line.page == 1:
        score += max(0.0, 1.5 - 3 * line.y)  # letterhead: high on the first page
    letters = [c for c in p.text if c.isalpha()]
    if letters and all(c.islower() for c in letters):
        score -= 1.0  # names are written in capitals or title case; a lower-case phrase is a note or a stamp
    height = max(w.y1 - w.y0 for w in line.words)
    if height > 1.25 * body:
        score += 1.0
    if any(page == line.page and abs(idx - p.index) <= 4 for page, idx in near["seller"]):
        score += 1.0
    if any(page == line.page and abs(idx - p.index) <= 4 for page, idx in near["buyer"]):
        score -= 1.5
    return score


def name_candidates(doc: TextDocument, regions: dict[str, list[Region]], seller_ids: list[Found[str] | None],
                    buyer_ids: list[Found[str] | None]) -> list[Ranked[str]]:
    """Every phrase that may be the seller's name, best first by the rules' score (see the module's doc), each
    with the features the trained re-ranker reads (`ranking.seller_features`)."""
    phrases = [p for p in _phrases(doc) if not _ruled_out(p)]
    others = regions["buyer"] + regions["representative"]

    def theirs(p: _Phrase) -> bool:  # in the buyer's (or a tax representative's) block, or said to be the customer
        return any(r.holds(p.line, p.start, p.start + len(p.text)) for r in others) or says_buyer(p.line.text[:p.start])
    buyers = {fold(p.text) for p in phrases if theirs(p) and (LEGAL_FORM.search(p.text) or len(p.text.split()) > 1)}
    buyers -= {fold(p.text) for p in phrases if any(r.holds(p.line, p.start, p.start + len(p.text))
                                                   for r in regions["seller"])}
    phrases = [p for p in phrases if not theirs(p) and fold(p.text) not in buyers]  # the buyer's name anywhere
    if not phrases:
        return []
    heights = sorted(max(w.y1 - w.y0 for w in ln.words) for ln in doc.lines)
    body = heights[len(heights) // 2] if heights else 0.01
    near = {role: [(f.evidence.page, _line_at(doc, f)) for f in ids if f is not None and f.evidence and f.evidence.bbox]
            for role, ids in (("seller", seller_ids), ("buyer", buyer_ids))}
    counts: dict[str, int] = {}
    for p in phrases:
        counts[fold(p.text)] = counts.get(fold(p.text), 0) + 1
    context = NameContext.of(doc, body, near, regions["seller"])
    window = _address_window(doc)
    rows = []
    for p in phrases:
        repeated = counts[fold(p.text)] > 1 and (len(p.text.split()) > 1 or LEGAL_FORM.search(p.text))
        p.score = _score(doc, p, regions["seller"], near, body) + (0.5 if repeated else 0.0)
        labelled = bool(_NAME_LABEL.match(p.line.text[:p.start]) or _NAME_LABEL.match(p.line.text))
        p.score += 1.5 if labelled else 0.0
        row = context.features(p.text, p.line, p.index, p.start)
        p.score += 1.0 if row["domain_lines"] < 30 else 0.0  # the document's mail or web domain spells it
        p.score += 2.0 if row["sender_line"] else 0.0  # the sender address printed over the address window
        p.score -= 2.0 if (p.index, p.start) in window else 0.0  # the address window: the recipient
        rows.append((row, labelled))
    _spelled_out(phrases)
    out = []
    for p, (row, labelled) in zip(phrases, rows):
        conf = 0.85 if p.score >= 3 else 0.7 if p.score >= 2 else 0.5
        found = Found(_NAME_LABEL.sub("", p.text), conf, p.line.evidence(doc.method, p.start, p.start + len(p.text)))
        row.update(rule_score=p.score, repeated=float(counts[fold(p.text)]), name_label=float(labelled))
        out.append(Ranked(found, row))
    return with_relative_ranks(with_rule_ranks(out), ("y", "height_ratio", "domain_lines", "seller_id_lines"))


def _spelled_out(phrases: list[_Phrase]) -> None:
    """A one-word brand (a logo's 'PACANO') and a name of two to five words holding it ('Société Hôtelière du
    Pacano'): the fuller name is the seller's, scored just above the brand."""
    brands = [p for p in phrases if re.fullmatch(r"[^\W\d_]{4,}", p.text.strip(" .")) and p.score > 0]
    for p in phrases:
        words = fold(p.text).split()
        if not 2 <= len(words) <= 5:
            continue
        for brand in brands:
            if fold(brand.text.strip(" .")) in words and brand.score + 0.5 > p.score:
                p.score = brand.score + 0.5


def _address_window(doc: TextDocument) -> set[tuple[int, int]]:
    """(line index, start) of the first phrase of each line in the address window under a sender address line:
    the lines just below it that start where it starts (the recipient's name and address)."""
    out = set()
    for index in sender_lines(doc):
        sender = doc.lines[index]
        for below in range(index + 1, min(index + 7, len(doc.lines))):
            line = doc.lines[below]
            if line.page == sender.page and abs(line.words[0].x0 - sender.words[0].x0) < 0.03:
                out.add((below, 0))
    return out


def _line_at(doc: TextDocument, found: Found[str]) -> int:
    """The index of the line holding a found value's box."""
    page, (x0, y0, x1, y1) = found.evidence.page, found.evidence.bbox
    for index, line in enumerate(doc.lines):
        if line.page == page and line.bbox[1] <= (y0 + y1) / 2 <= line.bbox[3]:
            return index
    return -1
