"""`make train-recognition`: the re-ranker of issue 14 item 2, trained on corpus-dev, cross-validated by issuer.

    .venv/bin/python services/recognition/bench/train.py [--groups pdf_text,scan] [--folds 5] [--seed 7]
        [--limit N] [--out MODEL_JSON] [--report REPORT_JSON]

For every document of the groups (read as the CLI reads it: the same TextDocument, OCR from the cache of
`make eval`), every candidate of each re-rankable field (`FIELDS`) is described by the features the shipped
finder computes, and labelled right or wrong with the corpus' own scorer (`score.py`'s `same`). One
scikit-learn GradientBoostingClassifier per field (seeded) is cross-validated with folds split by ISSUER
(the truth's seller VAT, else its seller name: no issuer is in both the training and the test part of a
fold; a born-digital document and its scan share their issuer, so they share their fold) and compared,
document by document, with the rules' first choice. A field's model is enabled only when its cross-validated
accuracy is above the rules'; the final model is fit on everything and its trees written as JSON
(`recognition/domain/ranking/model.json`, evaluated without scikit-learn at run time).
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_dev  # noqa: E402  (the eval's cases, scans and scorer)

MODEL = Path(__file__).resolve().parents[1] / "src" / "recognition" / "domain" / "ranking" / "model.json"
REPORT = Path(__file__).resolve().parent / "train_report.json"
DOCS = corpus_dev.WORK / "docs"


def field_candidates():
    """Per field, the shipped function listing a TextDocument's candidates in the rules' order."""
    from recognition.domain.ranking.fields import CANDIDATES
    return CANDIDATES


def text_document(path: str):
    """The TextDocument the reader sees for one file (pickled once in the work folder), or None."""
    DOCS.mkdir(parents=True, exist_ok=True)
    cached = DOCS / (re.sub(r"[^\w.-]", "_", path)[-180:] + ".pkl")
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from recognition.extractors import ocr, pdf_text
    from recognition.extractors.base import Context
    from recognition.extractors.registry import recognise
    seen = []

    def capture(doc, _read=ocr.read_invoice):
        seen.append(doc)
        return _read(doc)
    ocr.read_invoice = pdf_text.read_invoice = capture
    recognise(Path(path).read_bytes(), Context(searchable_pdf=False))
    doc = seen[0] if seen else None
    cached.write_bytes(pickle.dumps(doc))
    return doc


def issuer_of(truth: dict, name: str) -> str:
    """Who issued the document, from the truth: its seller VAT, else the words of its seller name."""
    vat = re.sub(r"[^A-Z0-9]", "", str(truth.get("seller.vat_number") or "").upper())
    if vat:
        return vat
    words = sorted(set(re.findall(r"[a-z0-9]{2,}", str(truth.get("seller.name") or "").lower())))
    return " ".join(words) or name


def collect(groups: list[str], limit: int, workers: int) -> list[dict]:
    """One record per document: its group, issuer, and per field the candidates (features, right?, value)."""
    os.environ.setdefault("BF_OCR_CACHE_DIR", str(corpus_dev.WORK / "ocr-cache"))
    rows = corpus_dev.cases(groups, limit)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        docs = list(pool.map(text_document, [str(r[1]) for r in rows]))
    same = corpus_dev.scorer().same
    from recognition.domain.ranking.choose import TOP, rules_only
    out = []
    for (group, _, truth, name), doc in zip(rows, docs):
        record = {"name": name, "group": group, "issuer": issuer_of(truth, name), "fields": {},
                  "rules_only": doc is not None and rules_only(doc)}
        for field, finder in field_candidates().items():
            if truth.get(field) in (None, ""):
                continue
            ranked = finder(doc) if doc is not None else []
            record["fields"][field] = [(r.features, bool(same(field, truth[field], r.found.value)),
                                        str(r.found.value)) for r in ranked[:TOP]]
        out.append(record)
    return out


def _matrix(records: list[dict], field: str, names: list[str]):
    x, y = [], []
    for rec in records:
        for features, right, _ in rec["fields"].get(field, []):
            x.append([features.get(n, 0.0) for n in names])
            y.append(int(right))
    return x, y


def fit(records: list[dict], field: str, names: list[str], seed: int):
    """A seeded gradient-boosting classifier on the field's candidates (None when one class is missing)."""
    from sklearn.ensemble import GradientBoostingClassifier
    x, y = _matrix(records, field, names)
    if len(set(y)) < 2:
        return None
    model = GradientBoostingClassifier(n_estimators=200, max_depth=2, learning_rate=0.05, min_samples_leaf=20,
                                       random_state=seed)
    return model.fit(x, y)


def export(model, names: list[str], enabled: bool) -> dict:
    """The trees of a fitted classifier as model.json's field entry (see recognition.domain.ranking.trees)."""
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append([[int(t.feature[i]) if t.children_left[i] >= 0 else -1, round(float(t.threshold[i]), 6),
                       int(t.children_left[i]), int(t.children_right[i]), round(float(t.value[i][0][0]), 6)]
                      for i in range(t.node_count)])
    init = float(model._raw_predict_init([[0.0] * len(names)])[0][0])
    return {"features": names, "init": round(init, 6), "rate": model.learning_rate, "trees": trees,
            "enabled": enabled}


def pick(model_entry, ranked: list) -> tuple[int, float] | None:
    """The index of the candidate the exported model chooses, and its probability."""
    from recognition.domain.ranking.trees import parse
    fm = parse({"fields": {"f": model_entry}})["f"]
    if not ranked:
        return None
    scored = [(fm.probability(features), -i) for i, (features, _, _) in enumerate(ranked)]
    p, neg = max(scored)
    return -neg, p


def cross_validate(records: list[dict], field: str, names: list[str], folds: int, seed: int) -> dict:
    """Rules against model on held-out issuers: per group, documents right, and model picks above 0.9 wrong."""
    from sklearn.model_selection import GroupKFold
    docs = [r for r in records if field in r["fields"]]
    issuers = [r["issuer"] for r in docs]
    tally: dict[str, dict[str, int]] = {}
    splitter = GroupKFold(n_splits=min(folds, len(set(issuers))))
    for train_idx, test_idx in splitter.split(docs, groups=issuers):
        model = fit([docs[i] for i in train_idx], field, names, seed)
        entry = export(model, names, True) if model is not None else None
        for i in test_idx:
            rec, ranked = docs[i], docs[i]["fields"][field]
            t = tally.setdefault(rec["group"], {"documents": 0, "rules": 0, "model": 0, "model_sure_wrong": 0})
            t["documents"] += 1
            t["rules"] += bool(ranked and ranked[0][1])
            usable = entry is not None and not rec["rules_only"]  # as `choose` does: receipts keep the rules
            chosen = pick(entry, ranked) if usable else (0, 0.0) if ranked else None
            if chosen is not None:
                right = ranked[chosen[0]][1]
                t["model"] += right
                t["model_sure_wrong"] += (not right) and chosen[1] > 0.9
    return tally


def train(groups: list[str], folds: int, seed: int, limit: int = 0, workers: int = 2,
          records: list[dict] | None = None) -> tuple[dict, dict]:
    """(model.json body, report): CV per field and group, and the final models fit on every document."""
    records = records if records is not None else collect(groups, limit, workers)
    body, report = {"fields": {}}, {"groups": groups, "folds": folds, "seed": seed, "fields": {}}
    for field in field_candidates():
        names = sorted({n for rec in records for f, _, _ in rec["fields"].get(field, []) for n in f})
        if not names:
            continue
        cv = cross_validate(records, field, names, folds, seed)
        rules = sum(t["rules"] for t in cv.values())
        learned = sum(t["model"] for t in cv.values())
        model = fit(records, field, names, seed)
        enabled = model is not None and learned > rules
        issuers = {r["issuer"] for r in records if field in r["fields"]}
        report["fields"][field] = {"cv": cv, "rules": rules, "model": learned, "enabled": enabled,
                                   "documents": sum(t["documents"] for t in cv.values()), "issuers": len(issuers),
                                   "candidates": sum(len(r["fields"].get(field, [])) for r in records)}
        if model is not None:
            body["fields"][field] = export(model, names, enabled)
    return body, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", default="pdf_text,scan")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args()
    body, report = train(args.groups.split(","), args.folds, args.seed, args.limit, args.workers)
    args.out.write_text(json.dumps(body, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for field, r in report["fields"].items():
        per_group = ", ".join(f"{g} rules {t['rules']}/{t['documents']} model {t['model']}/{t['documents']}"
                              f" (model > 0.9 wrong {t['model_sure_wrong']})" for g, t in sorted(r["cv"].items()))
        print(f"{field}: {r['issuers']} issuers, issuer-fold CV: {per_group} -> "
              f"{'model ENABLED' if r['enabled'] else 'rules kept'}")
    print(f"model written to {args.out} ({args.out.stat().st_size} bytes), report to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
