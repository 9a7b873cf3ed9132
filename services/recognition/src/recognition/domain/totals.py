"""Totals and VAT breakdown: labelled amounts, cross-checked so that net + VAT = total."""
from __future__ import annotations

from decimal import Decimal
from itertools import product

from recognition.domain import ocr_repairs, totals_solver
from recognition.domain.fields import confidence
from recognition.domain.layout import TextDocument
from recognition.domain.model import Evidence, Found, VatRow
from recognition.domain.parsing import percents_in
from recognition.domain.search import Candidate, label_hits
from recognition.domain.totals_basics import CENT, KNOWN_RATES, TOTAL_FIELDS, consistent, last_amount, line_amounts


def _candidates(doc: TextDocument) -> dict[str, list[Found[Decimal]]]:
    """Per total field, the last amount on each line labelled with it (amounts sit right of their label)."""
    out: dict[str, list[Found[Decimal]]] = {f: [] for f in TOTAL_FIELDS}
    hits = label_hits(doc, TOTAL_FIELDS + ("due_date",))
    for hit in hits:
        if hit.field not in out:
            continue
        line = doc.lines[hit.line_index]
        nxt = min((h.start for h in hits if h.line_index == hit.line_index and h.start > hit.start), default=None)
        amount = last_amount(line, hit.end, doc.method)
        if amount is None or (nxt is not None and amount[1] > nxt):
            continue
        value, start, end = amount
        cand = Candidate(value, line, start, end, 0, hit.label)
        base = 0.85 if len(hit.label) > 5 else 0.75
        out[hit.field].append(Found(value, confidence(base, doc, cand), line.evidence(doc.method, start, end)))
    return out


def find_totals(doc: TextDocument) -> tuple[Found[Decimal] | None, Found[Decimal] | None, Found[Decimal] | None, bool | None]:
    """Net, VAT and gross totals, and whether they add up; a consistent triple wins over single labels."""
    solved, amounts = totals_solver.solve(doc)
    if solved is not None:
        return solved
    cands = _candidates(doc)
    if summed := _per_rate_sum(cands):
        return summed
    if doc.method == "ocr" and (repaired := ocr_repairs.repair(doc, cands, find_breakdown(doc))):
        return repaired
    net, vat, total = (totals_solver.best_single(doc, amounts, role) for role in TOTAL_FIELDS)
    return _pairwise(doc, net, vat, total)


def _per_rate_sum(cands: dict[str, list[Found[Decimal]]]):
    """Net + the VAT of each rate (one line per rate, no VAT total printed) = total."""
    vats = cands["total_vat"]
    if len(vats) < 2:
        return None
    vat_sum = sum((v.value for v in vats), Decimal(0))
    for n, t in product(cands["total_excl_vat"], cands["total_incl_vat"]):
        if t.value != 0 and consistent(n.value, vat_sum, t.value):
            conf = min(v.confidence for v in vats)
            vat = _boost(Found(vat_sum, conf, Evidence("derived")))
            return _boost(n), vat, _boost(t), True
    return None


def _boost(found: Found[Decimal]) -> Found[Decimal]:
    return Found(found.value, min(0.99, max(found.confidence, 0.9) + 0.07), found.evidence)


def _pairwise(doc: TextDocument, net, vat, total):
    """Fill in what one label is missing from the other two, or from any amounts that add up."""
    if total is not None and net is not None and vat is None and total.value >= net.value:
        vat = Found(total.value - net.value, min(net.confidence, total.confidence) * 0.9, Evidence("derived"))
        return net, vat, total, None
    if total is not None and vat is not None and net is None:
        net = Found(total.value - vat.value, min(vat.confidence, total.confidence) * 0.9, Evidence("derived"))
        return net, vat, total, None
    if total is None and net is not None and vat is not None:
        total = Found(net.value + vat.value, min(net.confidence, vat.confidence) * 0.9, Evidence("derived"))
        return net, vat, total, None
    agree = None if None in (net, vat, total) else consistent(net.value, vat.value, total.value)
    if agree is False:
        net, vat, total = (f.scaled(0.6) if f else f for f in (net, vat, total))
    return net, vat, total, agree


def find_breakdown(doc: TextDocument) -> list[VatRow]:
    """VAT rows: lines with a rate and two amounts where base × rate = VAT (to the cent)."""
    rows: dict[Decimal, VatRow] = {}
    for line in doc.lines:
        rates = [r for r in percents_in(line.text) if r in KNOWN_RATES]
        amounts = line_amounts(line, doc.method)
        if not rates or len(amounts) < 2:
            continue
        for rate in rates:
            for (base, s0, _), (vat, _, e1) in product(amounts, amounts):
                if base != 0 and abs((base * rate / 100).quantize(CENT) - vat) <= CENT and abs(vat) < abs(base):
                    evidence = line.evidence(doc.method, s0, e1)
                    rows.setdefault(rate, VatRow(rate, base, vat, 0.9, evidence))
                    break
    return sorted(rows.values(), key=lambda r: r.rate)


def infer_rate(net: Found[Decimal] | None, vat: Found[Decimal] | None) -> list[VatRow]:
    """A single-rate breakdown guessed from the totals when no VAT row was read."""
    if net is None or vat is None or net.value == 0:
        return []
    for rate in KNOWN_RATES:
        if abs((net.value * rate / 100).quantize(CENT) - vat.value) <= CENT:
            return [VatRow(rate, net.value, vat.value, round(min(net.confidence, vat.confidence) * 0.85, 3),
                           Evidence("derived"))]
    return []
