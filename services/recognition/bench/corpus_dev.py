"""`make eval`: recognition accuracy on the real documents of ../shared/corpus-dev, per group and field.

Groups: structured (UBL/CII, hybrid PDFs), pdf_text (born-digital PDFs without XML), scan (every pdf_text
document made an image-only scan by the committed degrade, `recognition_bench.degrade.scan`, seeded by
its file name) and receipt (photos). Each document is read as `python -m recognition extract` reads it (the
same `recognise` and the same JSON line) and compared with the corpus' own scorer (`score.py`: its field
definitions and normalisation). Prints right/of/accuracy per field, wrong values with confidence > 0.9, and
seconds per document; `--json` keeps every prediction and miss for analysis. Tesseract's outputs are cached
in the work folder (BF_OCR_CACHE_DIR), so a second run does not re-OCR; `--no-ocr-cache` for a clean figure.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path(os.environ.get("BF_CORPUS_DEV", ROOT.parent / "shared" / "corpus-dev"))
WORK = Path(os.environ.get("BF_EVAL_WORK", ROOT / "services" / "recognition" / ".corpus-dev-work"))
GROUPS = ("structured", "pdf_text", "scan", "receipt")


def scorer(corpus: Path = CORPUS):
    """The corpus' own score.py, loaded as a module (its `same` and `get` define right and wrong)."""
    spec = importlib.util.spec_from_file_location("corpus_dev_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scan_of(pdf: Path, name: str) -> Path:
    """The scan of a born-digital PDF (made once, with the committed degrade, seeded by the document's name)."""
    from recognition_bench.degrade import scan
    out = WORK / "scans" / (name.replace("/", "__") + ".scan.pdf")
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(scan(pdf.read_bytes(), random.Random(name)))
        tmp.replace(out)
    return out


def cases(groups: list[str], limit: int = 0) -> list[tuple[str, Path, dict, str]]:
    """(group, path, truth, corpus name) for every document of the groups asked for."""
    out, count = [], {}
    for line in (CORPUS / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        wanted = [row["group"]] if row["group"] in groups else []
        if row["group"] == "pdf_text" and "scan" in groups:
            wanted.append("scan")
        for group in wanted:
            count[group] = count.get(group, 0) + 1
            if limit and count[group] > limit:
                continue
            path = CORPUS / row["file"]
            out.append((group, scan_of(path, row["file"]) if group == "scan" else path, row["truth"], row["file"]))
    return out


def read_one(path: str) -> tuple[dict, float]:
    """The CLI's JSON line for one file, and the seconds it took."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from recognition.entrypoints.cli import extract_line
    from recognition.extractors.base import Context
    from recognition.extractors.registry import recognise
    started = time.perf_counter()
    try:
        outcome = recognise(Path(path).read_bytes(), Context(searchable_pdf=False))
        line = extract_line(path, outcome)
    except Exception as exc:  # one broken document is a finding, not the end of the run
        line = {"file": path, "status": "technical_error", "error": f"{type(exc).__name__}: {exc}"}
    return line, time.perf_counter() - started


def score(rows, preds, score_py) -> tuple[dict, list[dict]]:
    """Per group and field [right, of, wrong with confidence > 0.9], and the misses."""
    stats: dict[str, dict[str, list[int]]] = {}
    misses = []
    for group, path, truth, name in rows:
        pred = preds[str(path)]
        for field, want in truth.items():
            if want in (None, ""):
                continue
            got, conf = score_py.get(pred, field)
            ok = score_py.same(field, want, got)
            tally = stats.setdefault(group, {}).setdefault(field, [0, 0, 0])
            tally[0] += ok
            tally[1] += 1
            if not ok:
                sure = got not in (None, "") and conf is not None and conf > 0.9
                tally[2] += sure
                misses.append({"group": group, "file": name, "field": field, "truth": want, "pred": got,
                               "confidence": conf})
    return stats, misses


def report(stats: dict, seconds: dict[str, list[float]]) -> str:
    """The table: per group and field, then a summary line per group."""
    out = [f"{'group':10} {'field':18} {'right':>6} {'of':>5} {'acc':>7} {'wrong>0.9':>9}"]
    for group in [g for g in GROUPS if g in stats]:
        for field, (right, n, sure) in sorted(stats[group].items()):
            out.append(f"{group:10} {field:18} {right:6d} {n:5d} {100 * right / n:6.1f}% {sure:9d}")
    for group in [g for g in GROUPS if g in stats]:
        right = sum(v[0] for v in stats[group].values())
        n = sum(v[1] for v in stats[group].values())
        sure = sum(v[2] for v in stats[group].values())
        secs = seconds.get(group, [])
        out.append(f"{group}: {100 * right / n:.1f}% of {n} fields, wrong with confidence > 0.9: {sure} "
                   f"({100 * sure / n:.1f}%), {sum(secs) / max(len(secs), 1):.2f} s per document ({len(secs)} docs)")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", default=",".join(GROUPS))
    parser.add_argument("--limit", type=int, default=0, help="at most N documents per group")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="write predictions and misses here")
    parser.add_argument("--no-ocr-cache", action="store_true", help="run tesseract on every page")
    args = parser.parse_args()
    if not args.no_ocr_cache:
        os.environ.setdefault("BF_OCR_CACHE_DIR", str(WORK / "ocr-cache"))
    started = time.monotonic()
    rows = cases(args.groups.split(","), args.limit)
    preds, seconds = {}, {}
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for (group, path, _, _), (line, secs) in zip(rows, pool.map(read_one, [str(r[1]) for r in rows])):
            preds[str(path)] = line
            seconds.setdefault(group, []).append(secs)
    stats, misses = score(rows, preds, scorer())
    print(report(stats, seconds))
    print(f"{len(rows)} documents in {time.monotonic() - started:.0f} s with {args.workers} workers"
          f"{'' if args.no_ocr_cache else ' (OCR cached in ' + os.environ['BF_OCR_CACHE_DIR'] + ')'}")
    if args.json:
        args.json.write_text(json.dumps({"stats": stats, "misses": misses,
                                         "preds": {r[3] + "|" + r[0]: preds[str(r[1])] for r in rows}},
                                        indent=1, default=str, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
