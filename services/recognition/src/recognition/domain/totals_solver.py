"""Net, VAT and gross chosen together from every amount's role scores: the triple that adds up and is best
labelled wins (net + VAT = gross, the VAT a known rate of the net, the gross lowest on the page)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from recognition.domain.labels import NO_VAT
from recognition.domain.layout import TextDocument
from recognition.domain.parsing import percents_in
from recognition.domain.search import folded, label_hits
from recognition.domain.model import Evidence, Found
from recognition.domain.total_candidates import AmountCandidate, amount_candidates, as_found, with_sums
from recognition.domain.totals_basics import CENT, KNOWN_RATES

MIN_ROLE = 0.3  # an amount fills a role in a triple only with at least this label score


@dataclass
class Triple:
    net: AmountCandidate | None
    vat: AmountCandidate | Decimal | None  # a Decimal when derived (no VAT amount printed, or summed per rate)
    gross: AmountCandidate
    score: float


def _rate_fits(net: Decimal, vat: Decimal) -> bool:
    if net == 0:
        return vat == 0
    return any(abs((abs(net) * rate / 100).quantize(CENT) - abs(vat)) <= CENT for rate in KNOWN_RATES)


def _position(doc: TextDocument, cand: AmountCandidate) -> float:
    return cand.line_index / max(len(doc.lines), 1)


def _vat_options(cands: list[AmountCandidate]) -> dict[Decimal, tuple[AmountCandidate | Decimal, float]]:
    """VAT values a triple may use, with their score: printed VAT amounts, and their sum over rate lines."""
    options: dict[Decimal, tuple[AmountCandidate | Decimal, float]] = {}
    for c in sorted(cands, key=lambda c: c.score("total_vat")):
        options[c.value] = (c, c.score("total_vat"))
    for summed in with_sums(cands, "total_vat", MIN_ROLE):
        options.setdefault(summed.value, (summed, summed.score("total_vat")))
    return options


_ROUNDING = re.compile(r"(?<![a-z])(rounding|round off|arrondi|rundung|afronding|adj)")
STEPS = tuple(Decimal(k) / 100 for k in (1, -1, 2, -2, 3, -3, 4, -4, 5, -5))


def _rounding_slack(doc: TextDocument) -> bool:
    """Whether the document prints a cash rounding line: then the gross may differ from net + VAT by 5 cents."""
    return any(_ROUNDING.search(folded(line)) for line in doc.lines)


def _printed_vat_rates(doc: TextDocument) -> set[Decimal]:
    """The non-zero rates printed on VAT-labelled lines ('Sales Tax  3%', 'MwSt. 19 %')."""
    return {r for hit in label_hits(doc, ["total_vat"]) for r in percents_in(doc.lines[hit.line_index].text) if r}


def _vat_for(vats: dict, diff: Decimal, slack: bool):
    """The VAT option equal to gross - net; with a rounding line, one within 5 cents of it (scored lower)."""
    found = vats.get(diff)
    if found is not None or not slack:
        return found if found is not None else (None, 0.0)
    for step in STEPS:
        if (near := vats.get(diff + step)) is not None:
            return near[0], near[1] - 0.2
    return None, 0.0


def best_triple(doc: TextDocument, cands: list[AmountCandidate]) -> Triple | None:
    """The best-scoring net + VAT = gross among the labelled amounts; None when none adds up."""
    nets = [c for c in cands if c.score("total_excl_vat") >= MIN_ROLE] + with_sums(cands, "total_excl_vat", MIN_ROLE)
    grosses = [c for c in cands if c.score("total_incl_vat") >= MIN_ROLE and c.value != 0]
    vats = _vat_options(cands)
    slack = _rounding_slack(doc)
    printed = _printed_vat_rates(doc)
    best: Triple | None = None
    for g in grosses:
        for n in nets:
            if n is g or abs(n.value) > abs(g.value) or n.value * g.value < 0:
                continue  # the net is never more than the gross, nor of the other sign
            diff = g.value - n.value
            vat, v_score = _vat_for(vats, diff, slack)
            if vat is None and diff == 0:
                vat, v_score = Decimal(0), 0.2
            elif vat is None and any(abs((n.value * r / 100).quantize(CENT) - diff) <= CENT for r in printed):
                vat, v_score = diff, 0.5  # 'Sales Tax 3%' with no amount: the rate of the net makes up the gross
            if vat is None or vat is n or vat is g:
                continue
            score = n.score("total_excl_vat") + v_score + g.score("total_incl_vat") + 0.3 * _position(doc, g)
            score += 0.5 if _rate_fits(n.value, diff) else 0.0
            if best is None or (score, abs(g.value)) > (best.score, abs(best.gross.value)):
                best = Triple(n, vat, g, score)
    if best is None and _says_no_vat(doc):
        for g in grosses:  # no VAT charged: the gross is the net too (scored below any triple that adds up)
            score = g.score("total_incl_vat") + max(g.score("total_excl_vat"), MIN_ROLE) + 0.2 + 0.3 * _position(doc, g)
            if best is None or (score, abs(g.value)) > (best.score, abs(best.gross.value)):
                best = Triple(g, Decimal(0), g, score)
    return best


_NO_VAT = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in NO_VAT) + r")(?![a-z])")


def _says_no_vat(doc: TextDocument) -> bool:
    """Whether the document states that no VAT is charged (small business, reverse charge, exemption)."""
    return any(_NO_VAT.search(folded(line)) for line in doc.lines)


def _conf(score: float) -> float:
    return 0.97 if score >= 0.9 else 0.85 if score >= 0.6 else 0.7


def triple_found(doc: TextDocument, t: Triple):
    """(net, VAT, gross) Founds of a triple; confidence above 0.9 only for amounts labelled for their role."""
    net = as_found(doc, t.net, _conf(t.net.score("total_excl_vat")))
    gross = as_found(doc, t.gross, _conf(t.gross.score("total_incl_vat")))
    if isinstance(t.vat, AmountCandidate):
        vat = as_found(doc, t.vat, _conf(t.vat.score("total_vat")))
    else:
        vat = Found(t.vat, 0.85 if t.vat else 0.8, Evidence("derived"))
    if not _rate_fits(t.net.value, t.gross.value - t.net.value):
        net, vat, gross = (f.scaled(0.92) for f in (net, vat, gross))
    return net, vat, gross


def best_single(doc: TextDocument, cands: list[AmountCandidate], role: str) -> Found[Decimal] | None:
    """The best-labelled amount for one role (the lowest on the page, then the largest, among equals)."""
    fitting = [c for c in cands if c.score(role) >= MIN_ROLE and not (role == "total_incl_vat" and c.value == 0)]
    if not fitting:
        return None
    best = max(fitting, key=lambda c: (round(c.score(role), 2), c.line_index if role != "total_vat" else 0,
                                       abs(c.value)))
    return as_found(doc, best, min(0.8, 0.5 + 0.3 * best.score(role)))


def solve(doc: TextDocument):
    """(net, VAT, gross, consistent) or None when no triple adds up; the candidates too, for the fallbacks."""
    cands = amount_candidates(doc)
    triple = best_triple(doc, cands)
    if triple is None:
        return None, cands
    net, vat, gross = triple_found(doc, triple)
    return (net, vat, gross, True), cands
