"""Seller and buyer: VAT numbers, enterprise numbers, IBAN, BIC and names, placed by layout or the dossier's VAT."""
from __future__ import annotations

import re
from dataclasses import dataclass

from recognition.domain.fields import confidence
from recognition.domain.identifiers import bics_in, enterprise_number_of, ibans_in, vat_numbers_in
from recognition.domain.labelled_ids import (
    after_other_id_label, labelled_enterprise_numbers_in, labelled_ibans_in, labelled_vats_in, unprefixed_vats_in,
    vats_under_labels,
)
from recognition.domain.parsing import fold
from recognition.domain.regions import Region, party_regions, says_buyer
from recognition.domain.ranking.choose import Ranked, choose
from recognition.domain.seller_name import name_candidates
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.model import Found, Party
from recognition.domain.search import Candidate, folded, label_hits


def _in_buyer(regions: list[Region], line: TextLine, start: int, end: int) -> bool:
    return any(r.holds(line, start, end) for r in regions)


_LEGAL_MENTIONS = re.compile(r"(?<![a-z])(capital|siret|siren|r\.?c\.?s|ape|naf|hrb|hra|handelsregister|amtsgericht|"
                             r"registergericht|geschaftsfuhr\w*|kvk|kbo|rpr|registered (?:office|in)|share capital|"
                             r"company (?:registration|number)|reg\. no)(?![a-z])")


def _issuer_line(line: TextLine) -> bool:
    """A line of legal mentions ('SASU au capital de … – RCS Paris … – TVA FR…', 'Amtsgericht … HRB …'): the law
    makes the issuer print them, so identifiers on it are the seller's."""
    return len(_LEGAL_MENTIONS.findall(folded(line))) >= 2


def _collect(doc: TextDocument, finder, base: float, regions: dict[str, list[Region]],
             seen: set[str] | None = None) -> tuple[list[Found[str]], list[Found[str]], list[Found[str]]]:
    """Values found by `finder`, each value once: (those in a seller block or on the issuer's legal-mentions
    line, the other non-buyer ones, the buyer's: in a buyer block or introduced as the customer's). A value
    printed once as the buyer's is the buyer's wherever else it stands (unless also in the seller's block or
    legal line); one in a tax representative's block is nobody's here."""
    seen = set() if seen is None else seen
    first: dict[str, Found[str]] = {}
    where: dict[str, set[str]] = {}
    for line in doc.lines:
        for value, start, end in finder(line.text):
            if value in seen:
                continue
            if _in_buyer(regions["representative"], line, start, end):
                kind = "representative"
            elif _in_buyer(regions["buyer"], line, start, end) or says_buyer(line.text[:start]):
                kind = "buyer"
            elif any(r.holds(line, start, end) for r in regions["seller"]) or _issuer_line(line):
                kind = "inside"
            else:
                kind = "seller"
            if value not in first:
                cand = Candidate(value, line, start, end, 0, "")
                first[value] = Found(value, confidence(base, doc, cand), line.evidence(doc.method, start, end))
            where.setdefault(value, set()).add(kind)
    seen.update(first)
    decided = {v: next(k for k in ("inside", "representative", "buyer", "seller") if k in kinds)
               for v, kinds in where.items()}  # a seller block or legal line decides first, then the others
    return tuple([f for v, f in first.items() if decided[v] == kind] for kind in ("inside", "seller", "buyer"))


def _vats_in(text: str) -> list[tuple[str, int, int]]:
    """Checked VAT numbers, none standing after another identifier's label ('Siret : FR…')."""
    return [v for v in vat_numbers_in(text) if not after_other_id_label(text, v[1])]


def _labelled_vats_in(text: str) -> list[tuple[str, int, int]]:
    """VAT numbers behind a VAT label (unchecked), none where a checked reading of the same characters stands; on
    the issuer's legal-mentions line also those without a country prefix."""
    checked = [(s, e) for _, s, e in vat_numbers_in(text)]  # read (and repaired) as a valid number already
    found = [v for v in labelled_vats_in(text) if not after_other_id_label(text, v[1])
             and not any(s < v[2] and v[1] < e for s, e in checked)]
    if len(_LEGAL_MENTIONS.findall(fold(text))) >= 2:
        found += [v for v in unprefixed_vats_in(text) if not any(s <= v[1] < e for _, s, e in found)]
    return found


def _identifiers(doc: TextDocument, checked, labelled, base: float, regions):
    """The seller's block and legal line first, then checked identifiers before those only labelled (check
    digits failing, less sure); and the buyer's."""
    seen: set[str] = set()
    inside, seller, buyer = _collect(doc, checked, base, regions, seen)
    more_inside, more_seller, more_buyer = _collect(doc, labelled, 0.7, regions, seen)
    if labelled is _labelled_vats_in:
        for value, index, start, end in vats_under_labels(doc):
            line = doc.lines[index]
            if value not in seen and not _in_buyer(regions["buyer"] + regions["representative"], line, start, end):
                seen.add(value)
                more_seller.append(Found(value, 0.65, line.evidence(doc.method, start, end)))
    return inside + more_inside + seller + more_seller, buyer + more_buyer


@dataclass
class PartyIds:
    """The parties' identifiers and blocks, as the names and the roles are decided from them."""

    regions: dict[str, list[Region]]
    seller_vat: Found[str] | None
    buyer_vat: Found[str] | None
    iban: Found[str] | None
    enterprise: Found[str] | None = None


def party_ids(doc: TextDocument) -> PartyIds:
    """VAT numbers and IBAN by layout: VAT numbers inside a buyer block are the buyer's, the others the seller's."""
    regions = party_regions(doc)
    seller_vats, buyer_vats = _identifiers(doc, _vats_in, _labelled_vats_in, 0.97, regions)
    vats = seller_vats + buyer_vats
    seller_vat = seller_vats[0] if seller_vats else None
    buyer_vat = buyer_vats[0] if buyer_vats else (seller_vats[1] if len(seller_vats) > 1 else None)
    if seller_vat is None and len(buyer_vats) > 1:
        seller_vat = buyer_vats[1]
    if len(vats) > 1 and not buyer_vats:  # roles by reading order only: less sure
        seller_vat = seller_vat.scaled(0.85) if seller_vat else None
        buyer_vat = buyer_vat.scaled(0.85) if buyer_vat else None
    enterprise = None
    if seller_vat is None or buyer_vat is None:
        seller_ents, buyer_ents = _belgian_numbers(doc, regions, {v.value for v in vats})
        if seller_vat is None and seller_ents:
            enterprise = seller_ents[0]
            seller_vat = Found("BE" + enterprise.value, 0.6, enterprise.evidence)
        if buyer_vat is None and buyer_ents:
            buyer_vat = Found("BE" + buyer_ents[0].value, 0.6, buyer_ents[0].evidence)
    seller_ibans, _ = _identifiers(doc, ibans_in, labelled_ibans_in, 0.95, regions)
    return PartyIds(regions, seller_vat, buyer_vat, seller_ibans[0] if seller_ibans else None, enterprise)


def _belgian_numbers(doc: TextDocument, regions, vats: set[str]) -> tuple[list[Found[str]], list[Found[str]]]:
    """Belgian enterprise numbers printed behind their label without 'BE' (the seller's, the buyer's), those of a
    VAT number already found left out. The number is checked (mod 97); the VAT number made from it is not sure
    (an enterprise exempt from VAT has none): 0.6."""
    seen = {v[2:] for v in vats if v.startswith("BE")}
    inside, seller, buyer = _collect(doc, labelled_enterprise_numbers_in, 0.9, regions, seen)
    return inside + seller, buyer


def seller_name_candidates(doc: TextDocument, ids: PartyIds | None = None) -> list[Ranked[str]]:
    """The seller-name candidates of a document with their features (what the re-ranker is trained on)."""
    ids = ids or party_ids(doc)
    return name_candidates(doc, ids.regions, [ids.seller_vat, ids.iban], [ids.buyer_vat])


def find_parties(doc: TextDocument) -> tuple[Party, Party]:
    """Seller and buyer: identifiers by layout (`party_ids`), then the seller's name near them."""
    ids = party_ids(doc)
    seller_vat = ids.seller_vat
    seller = Party(vat_number=seller_vat, iban=ids.iban)
    seller.bic = _find_bic(doc, seller.iban)
    if ids.enterprise is not None:
        seller.enterprise_number = ids.enterprise
    elif seller_vat is not None and (ent := enterprise_number_of(seller_vat.value)):
        seller.enterprise_number = Found(ent, seller_vat.confidence, seller_vat.evidence)
    if seller_vat is not None:
        seller.country = Found(seller_vat.value[:2].replace("EL", "GR"), seller_vat.confidence, seller_vat.evidence)
    elif seller.iban is not None:
        seller.country = Found(seller.iban.value[:2], 0.6, seller.iban.evidence)
    seller.name = choose("seller.name", seller_name_candidates(doc, ids), 0.85, doc)
    buyer = Party(vat_number=ids.buyer_vat, name=_buyer_name(doc, ids.regions["buyer"]))
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


def _buyer_name(doc: TextDocument, regions: list[Region]) -> Found[str] | None:
    """The words after a buyer label, or the line just below it in the buyer's block; a name has letters and is no
    label of its own ('N° client : 5521' is a customer number, 'Kunde/Leistungsempfänger' a heading)."""
    for hit in label_hits(doc, ["buyer"]):
        line = doc.lines[hit.line_index]
        rest = line.text[hit.end:].strip(" :")
        if len(rest) > 3:
            if _name_like(rest):
                return Found(rest, 0.6, line.evidence(doc.method, hit.end, len(line.text)))
            continue
        below = [ln for ln in doc.lines[hit.line_index + 1:hit.line_index + 4] if any(r.holds(ln, 0, 1) for r in regions)]
        if below and _name_like(below[0].text.strip()):
            return Found(below[0].text.strip(), 0.6, below[0].evidence(doc.method, 0, len(below[0].text)))
    return None


def _name_like(text: str) -> bool:
    """Letters, opening with a letter or digit, no label's colon."""
    return len(re.findall(r"[^\W\d_]", text)) >= 3 and text[0].isalnum() and ":" not in text
