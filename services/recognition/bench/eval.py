"""`make eval`: recognise the corpus and print accuracy per source and field, and confident mistakes.

Sources: structured (the e-invoices in the shared standards), pdf_text (the generated born-digital
PDFs), ocr-scan (their rasterised, skewed, noisy scans), ocr-photo (phone-photo JPEGs). Family H
is HELD OUT: its layout was never looked at while the rules were tuned; it is reported apart.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from recognition_bench.generate import CACHE_DIR, TRUTH_DIR, ensure, photo_path
from recognition_bench.layouts import HELD_OUT
from recognition_bench.score import Scores
from recognition_bench.structured_truth import structured_cases

VARIANTS = {"pdf_text": ".pdf", "ocr-scan": ".scan.pdf", "ocr-photo": ".photo.*"}


def _recognise(path: str):
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from recognition.extractors.base import Context
    from recognition.extractors.registry import recognise
    outcome = recognise(Path(path).read_bytes(), Context(searchable_pdf=False))
    return outcome.invoice, outcome.error


def _source_name(variant: str, family: str) -> str:
    return f"{variant} (held-out {family})" if family in HELD_OUT else variant


def run(count: int, variants: list[str], workers: int, structured: bool = True, every: int = 1) -> Scores:
    """Generate what is missing, recognise every file, score it."""
    ids = ensure(CACHE_DIR, count, every=every)
    check_truth(ids)
    jobs: list[tuple[str, str, dict]] = []
    for ident in ids:
        truth = json.loads((CACHE_DIR / f"{ident}.json").read_text())
        for variant in variants:
            path = photo_path(CACHE_DIR, ident) if variant == "ocr-photo" else CACHE_DIR / f"{ident}{VARIANTS[variant]}"
            jobs.append((_source_name(variant, truth["family"]), str(path), truth))
    if structured:
        jobs += [("structured", str(path), truth) for path, truth in structured_cases()]
    scores = Scores()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for (source, path, truth), (invoice, error) in zip(jobs, pool.map(_recognise, [j[1] for j in jobs])):
            scores.add(source, truth.get("id", Path(path).name), truth, invoice, error)
    return scores


def check_truth(ids: list[str]) -> None:
    """The generator still produces the committed ground truth (it is deterministic)."""
    for ident in ids:
        committed = TRUTH_DIR / f"{ident}.json"
        if committed.exists() and committed.read_text() != (CACHE_DIR / f"{ident}.json").read_text():
            raise SystemExit(f"generated truth of {ident} differs from {committed}: regenerate the corpus "
                             f"(rm -r {CACHE_DIR}) or commit the new truth (--write-truth)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=168)
    parser.add_argument("--variants", default="pdf_text,ocr-scan,ocr-photo")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--misses", type=int, default=0, help="print this many wrong values")
    args = parser.parse_args()
    started = time.monotonic()
    scores = run(args.count, args.variants.split(","), args.workers)
    print(__doc__.split("\n\n")[1].replace("\n", " "))
    print(scores.report())
    for miss in scores.misses[:args.misses]:
        print("MISS", *miss)
    print(f"{sum(scores.docs.values())} documents in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
