"""Repairs of OCR'd totals that do not add up: each rule recomputes one misread amount only when something
independent on the page confirms which one it was, and never with a confidence above 0.9."""
from __future__ import annotations

import re
from decimal import Decimal
from itertools import product

from recognition.domain.layout import TextDocument
from recognition.domain.model import Evidence, Found, VatRow
from recognition.domain.parsing import ocr_digits, percents_in
from recognition.domain.search import label_hits
from recognition.domain.totals_basics import CENT, KNOWN_RATES, last_amount, line_amounts


REPAIRED_CONFIDENCE = 0.85  # a total computed from two others that a third source confirms: sure, never > 0.9


def _repair(cands: dict[str, list[Found[Decimal]]], rows: list[VatRow]):
    """Net, VAT and total labelled but not adding up: one of them misread. The one to recompute from the other
    two is the one whose recomputed value a third, independent source confirms: the VAT rows read on the page
    (their bases and VAT summed), or else a known VAT rate linking net and VAT. None when nothing confirms."""
    if not rows and not (cands["total_excl_vat"] and cands["total_vat"] and cands["total_incl_vat"]):
        return None
    row_base = sum((r.taxable for r in rows if r.taxable is not None), Decimal(0)) if rows else None
    row_vat = sum((r.vat for r in rows if r.vat is not None), Decimal(0)) if rows else None

    def confirmed(net: Decimal, vat: Decimal) -> bool:
        if net <= 0 or vat < 0:
            return False
        if rows:
            return abs(row_base - net) <= CENT and abs(row_vat - vat) <= CENT
        return any(abs((net * rate / 100).quantize(CENT) - vat) <= CENT for rate in KNOWN_RATES if rate)

    def derived(value: Decimal, *sources: Found[Decimal]) -> Found[Decimal]:
        conf = min(REPAIRED_CONFIDENCE, min(f.confidence for f in sources))
        return Found(value, conf, Evidence("derived"))

    def keep(found: Found[Decimal]) -> Found[Decimal]:
        return Found(found.value, min(REPAIRED_CONFIDENCE, found.confidence), found.evidence)

    options = []
    for n, t in product(cands["total_excl_vat"], cands["total_incl_vat"]):  # the VAT misread
        if t.value > n.value and confirmed(n.value, t.value - n.value):
            options.append((keep(n), derived(t.value - n.value, n, t), keep(t)))
    for v, t in product(cands["total_vat"], cands["total_incl_vat"]):  # the net misread
        if t.value > v.value and confirmed(t.value - v.value, v.value):
            options.append((derived(t.value - v.value, v, t), keep(v), keep(t)))
    for n, v in product(cands["total_excl_vat"], cands["total_vat"]):  # the total misread
        if confirmed(n.value, v.value):
            options.append((keep(n), keep(v), derived(n.value + v.value, n, v)))
    if not options:
        return None
    if len({(o[0].value, o[1].value, o[2].value) for o in options}) > 1:
        return None  # two different repairs: no way to tell which amount was misread
    n, v, t = options[0]
    return n, v, t, True


MIXED_RATES_CONFIDENCE = 0.75  # the VAT recomputed on a several-rate invoice: plausible, not proven


def _rates_on_page(doc: TextDocument) -> set[Decimal]:
    """The known VAT rates printed anywhere on the document."""
    return {r for line in doc.lines for r in percents_in(line.text) if r in KNOWN_RATES and r}


def _repair_mixed_rates(cands: dict[str, list[Found[Decimal]]], rates: set[Decimal]):
    """An invoice with several VAT rates whose VAT total (or one of its rows) was misread: VAT = total - net,
    when that is the only pair of labelled net and total and its overall rate lies strictly between the lowest
    and the highest rate printed on the page (what mixing those rates gives). A misread net or total would
    almost always fall outside that band. Confidence stays well below 0.9."""
    nets, totals = {f.value: f for f in cands["total_excl_vat"]}, {f.value: f for f in cands["total_incl_vat"]}
    if len(rates) < 2 or len(nets) != 1 or len(totals) != 1:
        return None
    (net,), (total,) = nets.values(), totals.values()
    if net.value <= 0 or total.value <= net.value:
        return None
    overall = (total.value - net.value) * 100 / net.value
    if not min(rates) < overall < max(rates):
        return None
    conf = min(MIXED_RATES_CONFIDENCE, net.confidence, total.confidence)
    vat = Found(total.value - net.value, conf, Evidence("derived"))
    return (Found(net.value, min(conf, net.confidence), net.evidence), vat,
            Found(total.value, min(conf, total.confidence), total.evidence), True)


VAT_ROW_CONFIDENCE = 0.75  # the VAT total = total - net, when exactly one VAT row between them was misread
MAX_OVERALL_RATE = Decimal("0.3")


def _line_of(doc: TextDocument, found: Found[Decimal]) -> int | None:
    """The index of the line a labelled amount was read on."""
    box = found.evidence.bbox
    if box is None:
        return None
    for index, line in enumerate(doc.lines):
        if line.page == found.evidence.page and any(
                abs(w.x0 - box[0]) < 1e-3 and abs(w.y0 - box[1]) < 5e-3 for w in line.words):
            return index
    return None


def _repair_vat_row(doc: TextDocument, cands: dict[str, list[Found[Decimal]]]):
    """Net and total labelled, and between them two or more VAT rows (one per rate) of which exactly one has no
    readable amount while the others leave a positive remainder for it: the VAT total is total - net (a misread
    row amount is not repaired: the difference could as well be in the net or the total). Below 0.9."""
    nets, totals = {f.value: f for f in cands["total_excl_vat"]}, {f.value: f for f in cands["total_incl_vat"]}
    if len(nets) != 1 or len(totals) != 1:
        return None
    (net,), (total,) = nets.values(), totals.values()
    if net.value <= 0 or not 0 < total.value - net.value <= net.value * MAX_OVERALL_RATE:
        return None
    first, last = _line_of(doc, net), _line_of(doc, total)
    if first is None or last is None or not 2 < last - first <= 8 or doc.lines[first].page != doc.lines[last].page:
        return None
    labelled = {h.line_index for h in label_hits(doc, ["total_vat"])}
    rows = [i for i in range(first + 1, last) if i in labelled]
    if len(rows) < 2:
        return None
    amounts = {i: last_amount(doc.lines[i], 0, doc.method) for i in rows}
    vat = total.value - net.value
    unread = [i for i in rows if amounts[i] is None]
    read = {i: amounts[i][0] for i in rows if amounts[i] is not None}
    if len(unread) != 1 or vat - sum(read.values(), Decimal(0)) <= 0:
        return None
    conf = min(VAT_ROW_CONFIDENCE, net.confidence, total.confidence)
    return (Found(net.value, conf, net.evidence), Found(vat, conf, Evidence("derived")),
            Found(total.value, conf, total.evidence), True)


def one_edit(a: str, b: str) -> bool:
    """Whether two digit strings differ by exactly one character added, dropped or changed, after the first: a
    leading digit lost is what happens to a whole column of amounts (see extractors.second_look)."""
    if a == b or abs(len(a) - len(b)) > 1 or not a or not b or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _repair_total_one_character(doc: TextDocument, cands: dict[str, list[Found[Decimal]]]):
    """Net and VAT rows read, the total below them misread by one character ('56,233.9' for 56,233.99,
    '25 176,355' for 25 176,35): total = net + VAT rows, when the printed total is one character away from that
    sum and the net is not one character away from what the printed total would make it."""
    nets = {f.value: f for f in cands["total_excl_vat"]}
    if len(nets) != 1:
        return None
    (net,) = nets.values()
    first = _line_of(doc, net)
    if first is None or net.value <= 0:
        return None
    hits = label_hits(doc, ["total_vat", "total_incl_vat"])
    vat_lines = {h.line_index for h in hits if h.field == "total_vat"}
    gross_hits = [h for h in hits if h.field == "total_incl_vat" and h.line_index not in vat_lines
                  and first < h.line_index <= first + 8 and doc.lines[h.line_index].page == doc.lines[first].page]
    if not gross_hits:
        return None
    gross = gross_hits[0]
    rows = [last_amount(doc.lines[i], 0, doc.method) for i in range(first + 1, gross.line_index) if i in vat_lines]
    if not rows or any(r is None for r in rows):
        return None
    vat = sum((r[0] for r in rows), Decimal(0))
    implied = net.value + vat
    line = doc.lines[gross.line_index]
    printed = _digits(ocr_digits(line.text[gross.end:]))
    if vat <= 0 or not one_edit(f"{implied:.2f}".replace(".", ""), printed):
        return None
    read = last_amount(line, gross.end, doc.method)
    if read is not None and one_edit(_digits(f"{read[0] - vat:.2f}"), _digits(f"{net.value:.2f}")):
        return None  # the net may as well be the misread one
    conf = min(VAT_ROW_CONFIDENCE, net.confidence)
    return (Found(net.value, conf, net.evidence), Found(vat, conf, Evidence("derived")),
            Found(implied, conf, Evidence("derived")), True)


UNCONFIRMED_CONFIDENCE = 0.6  # a sum nothing printed confirms


def _rows_without_total(doc: TextDocument, cands: dict[str, list[Found[Decimal]]]):
    """No total read at all (its line garbled), but the net and, right below it, VAT rows each with its own rate:
    VAT = the sum of the rows, total = net + VAT, unconfirmed (0.6)."""
    nets = {f.value: f for f in cands["total_excl_vat"]}
    if cands["total_incl_vat"] or len(nets) != 1:
        return None
    (net,) = nets.values()
    first = _line_of(doc, net)
    if first is None or net.value <= 0:
        return None
    labelled = {h.line_index for h in label_hits(doc, ["total_vat"])}
    rows, rates = [], set()
    for index in range(first + 1, min(len(doc.lines), first + 6)):
        line = doc.lines[index]
        found_rates = [r for r in percents_in(line.text) if r in KNOWN_RATES]
        amount = last_amount(line, 0, doc.method)
        if index not in labelled or len(found_rates) != 1 or amount is None or found_rates[0] in rates:
            break
        rates.add(found_rates[0])
        rows.append(amount[0])
    after = first + 1 + len(rows)
    if len(rows) < 2 or after < len(doc.lines) and re.search(r"\d\s?[\d.,]\s?\d", doc.lines[after].text):
        return None  # the line after the rows has digits: another row, or the total, misread: it may disagree
    vat = sum(rows, Decimal(0))
    if not 0 < vat <= net.value * MAX_OVERALL_RATE:
        return None
    conf = min(UNCONFIRMED_CONFIDENCE, net.confidence)
    return (Found(net.value, conf, net.evidence), Found(vat, conf, Evidence("derived")),
            Found(net.value + vat, conf, Evidence("derived")), None)


STACK_CONFIDENCE = 0.85  # amounts in one column that add up to the cent: the labels misread, the sum is not


def _stacked_sum(doc: TextDocument, cands: dict[str, list[Found[Decimal]]]):
    """The totals block read as a column: above a labelled total, consecutive lines each ending with one amount
    at the same right edge, the first being the net and the others VAT rows (one of them labelled VAT or with a
    rate), when net + the VAT rows = the total to the cent. For a net or VAT label OCR garbled ('Totalmeze ils')."""
    for total in sorted(cands["total_incl_vat"], key=lambda f: -abs(f.value)):
        index = _line_of(doc, total)
        if index is None or total.value <= 0:
            continue
        line = doc.lines[index]
        right, height = total.evidence.bbox[2], line.bbox[3] - line.bbox[1]
        stack: list[tuple[Decimal, bool]] = []
        for above in reversed(doc.lines[max(0, index - 8):index]):
            found = line_amounts(above, doc.method)
            words = above.words_between(found[-1][1], found[-1][2]) if found else []
            near = (line.y - above.y) < height * 2.2 * (len(stack) + 1)
            if not found or not words or above.page != line.page or not near or abs(words[-1].x1 - right) > 0.03:
                break
            vat_like = bool(percents_in(above.text)) or any(h.line_index == 0 for h in label_hits(
                TextDocument(doc.method, [above], 1), ["total_vat"]))
            stack.append((found[-1][0], vat_like))
        for j in range(len(stack) - 1, 0, -1):  # stack[j] the net (topmost first), stack[:j] the VAT rows
            net, rows = stack[j][0], stack[:j]
            vat = sum((v for v, _ in rows), Decimal(0))
            if net > 0 and vat >= 0 and any(like for _, like in rows) and net + vat == total.value:
                conf = min(STACK_CONFIDENCE, total.confidence + 0.1)
                return (Found(net, conf, Evidence("derived")), Found(vat, conf, Evidence("derived")),
                        Found(total.value, conf, total.evidence), True)
    return None


def repair(doc: TextDocument, cands: dict[str, list[Found[Decimal]]], rows: list[VatRow]):
    """OCR'd totals that do not add up: the first rule that can tell which amount was misread repairs it
    (net, VAT, total, consistent), else None. A text layer is never misread, so only OCR comes here."""
    return (_repair(cands, rows) or _repair_vat_row(doc, cands) or _stacked_sum(doc, cands)
            or _repair_total_one_character(doc, cands) or _rows_without_total(doc, cands)
            or _repair_mixed_rates(cands, _rates_on_page(doc)))
