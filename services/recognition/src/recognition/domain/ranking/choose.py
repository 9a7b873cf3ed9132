"""Choosing one candidate of a field: the rules' first choice, or the trained model's where it is enabled.

Every finder that can be re-ranked lists its candidates in the rules' order (the first is what the rules
choose), each as the Found the rules would return and a row of features (the rules' own score and rank among
them). Where `model.json` enables the field, the candidate with the highest probability wins and its
confidence is that probability, capped as the rules cap the field (a name has no check digit).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from recognition.domain.layout import TextDocument
from recognition.domain.model import Found
from recognition.domain.ranking.trees import active

T = TypeVar("T")
TOP = 8  # the model re-ranks the rules' first candidates only (trained on those too): the rest is noise


@dataclass
class Ranked(Generic[T]):
    """One candidate value of a field: what the rules would return for it, and its features."""

    found: Found[T]
    features: dict[str, float]


def with_rule_ranks(ranked: list[Ranked], score_key: str = "rule_score") -> list[Ranked]:
    """The candidates ordered best first by the rules' score, each told its rank and its gap to the best."""
    ranked = sorted(ranked, key=lambda r: -r.features.get(score_key, 0.0))
    top = ranked[0].features.get(score_key, 0.0) if ranked else 0.0
    for rank, r in enumerate(ranked):
        r.features["rule_rank"] = float(min(rank, 10))
        r.features["rule_gap"] = top - r.features.get(score_key, 0.0)
    return ranked


def with_relative_ranks(ranked: list[Ranked], keys: tuple[str, ...]) -> list[Ranked]:
    """Each candidate also told where it stands among the document's candidates on some features (`KEY_rank`:
    0 for the lowest value, ties share a rank), so the model compares within one document, not across."""
    for key in keys:
        values = sorted({r.features.get(key, 0.0) for r in ranked})
        order = {v: i for i, v in enumerate(values)}
        for r in ranked:
            r.features[key + "_rank"] = float(min(order[r.features.get(key, 0.0)], 10))
    return ranked


def rules_only(doc: TextDocument) -> bool:
    """Receipts keep the rules: the model was trained on invoices (born-digital and scanned), not on receipts."""
    from recognition.domain.fields import find_document_type  # fields ranks with this module
    return find_document_type(doc) == "receipt"


def choose(field: str, ranked: list[Ranked[T]], cap: float, doc: TextDocument) -> Found[T] | None:
    """The rules' first candidate, or, with an enabled model, the most probable one (confidence = probability,
    at most `cap`)."""
    if not ranked:
        return None
    model = active(field)
    if model is None or rules_only(doc):
        return ranked[0].found
    scored = [(model.probability(r.features), -i, r) for i, r in enumerate(ranked[:TOP])]
    p, _, best = max(scored, key=lambda s: (s[0], s[1]))
    return Found(best.found.value, round(min(cap, p), 3), best.found.evidence)
