"""Every amount of a document as a candidate for net, VAT and gross, described by the labels that stand by it.

An amount gets a score per role from the totals labels left of it on its line (the first label of the group
before it counts fully, the others half; a qualifier such as 'excl. VAT' or 'TTC' decides over a bare
'Total') or, when its line has none, from a label in a column header just above it. Words of allowances,
advances, balances, change or unit prices on the line lower every role. No template: only label words in
FR/NL/DE/EN and where they stand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from recognition.domain.currency_columns import column_currency, currency_counts
from recognition.domain.labels import NOT_A_TOTAL, QUANTITY_WORDS, TABLE_HEADERS, TOTAL_QUALIFIERS
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.model import Evidence, Found
from recognition.domain.search import LabelHit, folded, label_hits
from recognition.domain.totals_basics import TOTAL_FIELDS, line_amounts

HEADER_LINES = 3  # a column header labels the amounts at most this many lines below it


@dataclass
class AmountCandidate:
    """One amount printed on the document, with a score per totals role (0 = no label for it)."""

    value: Decimal
    line_index: int
    start: int
    end: int
    roles: dict[str, float] = field(default_factory=dict)
    penalty: float = 0.0
    ocr_conf: float = 1.0

    def score(self, role: str) -> float:
        return self.roles.get(role, 0.0) - self.penalty


@lru_cache(maxsize=None)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?![a-z])")


def _strength(label: str) -> float:
    return 1.0 if len(label) > 5 else 0.75


def _group_roles(text: str, group: list[LabelHit], amount_start: int) -> dict[str, float]:
    """Role scores from the labels standing between the previous amount and this one."""
    roles: dict[str, float] = {}
    for rank, hit in enumerate(group):
        weight = _strength(hit.label) * (1.0 if rank == 0 else 0.5)
        roles[hit.field] = max(roles.get(hit.field, 0.0), weight)
    left = text[group[0].start:amount_start] if group else ""
    for role, words in TOTAL_QUALIFIERS.items():
        if _word_pattern(words).search(left):
            roles = {r: s * 0.4 for r, s in roles.items() if r != role}
            roles[role] = 1.0
    return roles


def _header_roles(doc: TextDocument, index: int, words, hits_by_line: dict[int, list[LabelHit]]) -> dict[str, float]:
    """Role scores from a column header within a few lines above whose label stands over the amount."""
    line = doc.lines[index]
    x0, x1 = words[0].x0, words[-1].x1
    for back in range(index - 1, max(-1, index - 1 - HEADER_LINES), -1):
        above = doc.lines[back]
        if above.page != line.page:
            break
        if any(w and w[0].x0 < x1 and w[-1].x1 > x0 for w in (above.words_between(s, e)
                                                               for _, s, e in line_amounts(above, doc.method))):
            return {}  # an amount in the same column is nearer: the header, if any, is that one's
        for hit in hits_by_line.get(back, []):
            label_words = above.words_between(hit.start, hit.end)
            if label_words and label_words[0].x0 - 0.03 < x1 and label_words[-1].x1 + 0.03 > x0 \
                    and not line_amounts(above, doc.method) and not _table_header(above):
                return {hit.field: 0.8 * _strength(hit.label)}
    return {}


def _table_header(line: TextLine) -> bool:
    """An item table's header ('Menge  Preis  Gesamt'): its 'Gesamt' or 'Total' labels the lines, not a total."""
    return bool(_word_pattern(TABLE_HEADERS + QUANTITY_WORDS).search(folded(line)))


def _penalty(text: str) -> float:
    return 1.5 if _word_pattern(NOT_A_TOTAL).search(text) else 0.0


def amount_candidates(doc: TextDocument) -> list[AmountCandidate]:
    """Every amount of the document (percentages left out), with its role scores."""
    hits_by_line: dict[int, list[LabelHit]] = {}
    for hit in label_hits(doc, TOTAL_FIELDS):
        hits_by_line.setdefault(hit.line_index, []).append(hit)
    out = []
    for index, line in enumerate(doc.lines):
        amounts = [a for a in line_amounts(line, doc.method) if not line.text[a[2]:].lstrip().startswith("%")]
        if not amounts:
            continue
        text = folded(line)
        hits = hits_by_line.get(index, [])
        previous_end = 0
        for value, start, end in amounts:
            group = [h for h in hits if previous_end <= h.start and h.end <= start]
            words = line.words_between(start, end)
            if group:
                roles = _group_roles(text, group, start)
            elif words and not any(h.end <= start for h in hits):
                roles = _header_roles(doc, index, words, hits_by_line)
            else:
                roles = {}
            penalty = _penalty(text[previous_end:start]) if group else 0.0  # a header's row: its own words count
            out.append(AmountCandidate(value, index, start, end, roles, penalty, line.conf(start, end)))
            previous_end = end
    _only_last_of_run(out)
    _in_document_currency(doc, out)
    _paid_minus_change(doc, out)
    return out


def _in_document_currency(doc: TextDocument, cands: list[AmountCandidate]) -> None:
    """Where a line's amounts stand in currency columns ('USD  EUR' above), the label's roles go to the amount in
    the document's currency alone (the other column is a conversion for reference, not the total)."""
    by_line: dict[int, list[AmountCandidate]] = {}
    for cand in cands:
        by_line.setdefault(cand.line_index, []).append(cand)
    runs = [run for run in by_line.values() if len(run) >= 2 and any(c.roles for c in run)]
    if not runs:
        return
    currency = currency_counts(doc).most_common(1)[0][0]
    folded_lines = [folded(line) for line in doc.lines]
    for run in runs:
        line = doc.lines[run[0].line_index]
        columns = []
        for cand in run:
            words = line.words_between(cand.start, cand.end)
            columns.append(column_currency(doc, cand.line_index, words[0].x0, words[-1].x1, folded_lines)
                           if words else None)
        if currency not in columns or all(c == currency for c in columns if c):
            continue
        roles = max((c.roles for c in run), key=lambda r: sum(r.values()))
        for cand, column in zip(run, columns):
            cand.roles = dict(roles) if column == currency else {} if column else cand.roles


_TENDERED = re.compile(r"(?<![a-z])(cash|tendered|tunai|bayar|especes|bar|contant|paid)(?![a-z])")
_CHANGE = re.compile(r"(?<![a-z])(change|kembali|baki|rendu|ruckgeld|wisselgeld|retour)(?![a-z])")


def _paid_minus_change(doc: TextDocument, cands: list[AmountCandidate]) -> None:
    """On a receipt, cash tendered minus change given is the total: an amount equal to it is labelled gross."""
    paid = [c.value for c in cands if _TENDERED.search(folded(doc.lines[c.line_index])[:c.start])
            and not _CHANGE.search(folded(doc.lines[c.line_index]))]
    change = [c.value for c in cands if _CHANGE.search(folded(doc.lines[c.line_index])[:c.start])]
    totals = {p - c for p in paid for c in change if p > c >= 0}
    for cand in cands:
        if cand.value in totals and cand.value not in paid:
            cand.roles["total_incl_vat"] = max(cand.roles.get("total_incl_vat", 0.0), 1.0)
            cand.penalty = 0.0


def _only_last_of_run(cands: list[AmountCandidate]) -> None:
    """After one label, several amounts on a line ('MwSt 19% aus 100,00  19,00'): the last is the labelled value,
    the ones before it count half (a base, a rate, a quantity)."""
    for a, b in zip(cands, cands[1:]):
        if a.line_index == b.line_index and a.roles and not b.roles:
            b.roles = dict(a.roles)
            a.roles = {r: s * 0.5 for r, s in a.roles.items()}


def as_found(doc: TextDocument, cand: AmountCandidate, confidence: float) -> Found[Decimal]:
    """The candidate as a Found with its box."""
    if cand.start < 0:
        return Found(cand.value, round(confidence, 3), Evidence("derived"))
    line: TextLine = doc.lines[cand.line_index]
    return Found(cand.value, round(confidence, 3), line.evidence(doc.method, cand.start, cand.end))


def with_sums(cands: list[AmountCandidate], role: str, minimum: float) -> list[AmountCandidate]:
    """The role's candidates plus, when several lines carry one (a net or VAT per rate, shipping apart), their sum."""
    labelled = {c.line_index: c for c in cands if c.score(role) >= minimum}
    if len(labelled) < 2:
        return []
    parts = list(labelled.values())
    total = sum((c.value for c in parts), Decimal(0))
    score = min(c.score(role) for c in parts) * 0.9
    return [AmountCandidate(total, parts[-1].line_index, -1, -1, {role: score})]
