"""The trained re-ranker, read from `model.json` once per process and evaluated in plain Python.

`make train-recognition` (services/recognition/bench/train.py) fits one gradient-boosting classifier per field
on corpus-dev's candidates (scikit-learn, seeded) and exports its trees here as JSON: per field the feature
names, the initial log-odds, the learning rate, the trees (`[feature, threshold, left, right, value]` nodes,
feature -1 for a leaf) and whether the field uses the model at all (`enabled`: only where its issuer-fold
cross-validation beat the rules; see bench/DATA_CARD.md). No scikit-learn at run time.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class FieldModel:
    """The boosted trees of one field."""

    features: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]
    enabled: bool

    def probability(self, row: dict[str, float]) -> float:
        """The probability that the candidate described by `row` is the field's right value."""
        x = [float(row.get(name, 0.0)) for name in self.features]
        raw = self.init
        for nodes in self.trees:
            node = nodes[0]
            while node[0] >= 0:
                node = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
            raw += self.rate * node[4]
        return 1.0 / (1.0 + math.exp(-raw))


def parse(body: dict) -> dict[str, FieldModel]:
    """The field models of a model.json body."""
    return {name: FieldModel(tuple(m["features"]), float(m["init"]), float(m["rate"]),
                             tuple(tuple(tuple(n) for n in tree) for tree in m["trees"]), bool(m["enabled"]))
            for name, m in body.get("fields", {}).items()}


@lru_cache(maxsize=1)
def models() -> dict[str, FieldModel]:
    """The committed models (empty when the file is missing: every field then keeps its rules)."""
    if not MODEL_PATH.exists():
        return {}
    return parse(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def active(field: str) -> FieldModel | None:
    """The field's model when it is enabled (its cross-validated accuracy beat the rules), else None."""
    model = models().get(field)
    return model if model is not None and model.enabled else None
