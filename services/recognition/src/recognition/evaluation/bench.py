"""`make bench-recognition`: documents per second per worker for each source, and OCR time per page against
plain tesseract on the same page images (the pipeline's overhead). Not a test: it prints what it measured."""
from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from recognition.evaluation.generate import CACHE_DIR, ensure, photo_path
from recognition.evaluation.structured_truth import structured_cases
from recognition.extractors.base import Context, Limits
from recognition.extractors.ocr import page_images
from recognition.extractors.probe import Probe
from recognition.extractors.registry import recognise

LANGS = "fra+nld+deu+eng"


def docs_per_second(files: list[Path], ctx: Context) -> tuple[float, int]:
    """Sequential throughput of one worker (one process) over `files`, after one warm-up document."""
    recognise(files[0].read_bytes(), ctx)  # compiles schemas, loads fonts: once per worker
    started = time.perf_counter()
    for path in files:
        recognise(path.read_bytes(), ctx)
    elapsed = time.perf_counter() - started
    return len(files) / elapsed, len(files)


ROUNDS = 3  # each document is measured this many times, interleaved; its fastest time counts (noise only adds)


def ocr_overhead(files: list[Path]) -> tuple[float, float, float, int]:
    """Seconds per page: plain tesseract (TSV) on the pipeline's page images, the pipeline without and with
    the searchable PDF; and the number of pages. The three are measured one document after the other, in
    `ROUNDS` rounds, and each document's fastest round counts, so a busy moment of the machine does not land on
    one side only."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    best: dict[tuple[int, str], float] = {}
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for n, path in enumerate(files):
            images = []
            for i, image in enumerate(page_images(Probe(path.read_bytes()), Limits())):
                src = Path(tmp) / f"{n}-{i}.png"
                image.save(src, dpi=image.info.get("dpi", (300, 300)))
                images.append(src)
            sources.append((path.read_bytes(), images))
            pages += len(images)

        def timed(key: tuple[int, str], run) -> None:
            started = time.perf_counter()
            run()
            best[key] = min(best.get(key, float("inf")), time.perf_counter() - started)

        for _ in range(ROUNDS):
            for n, (data, images) in enumerate(sources):
                timed((n, "plain"), lambda: [subprocess.run(
                    ["tesseract", str(src), str(Path(tmp) / "out"), "-l", LANGS, "--psm", "3", "tsv"],
                    env=env, check=True, capture_output=True) for src in images])
                timed((n, "ours"), lambda: recognise(data, Context(searchable_pdf=False)))
                timed((n, "ours_pdf"), lambda: recognise(data, Context(searchable_pdf=True)))
    total = {kind: sum(t for (_, k), t in best.items() if k == kind) / pages for kind in ("plain", "ours", "ours_pdf")}
    return total["plain"], total["ours"], total["ours_pdf"], pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=24, help="documents per source")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    ids = ensure(CACHE_DIR, 168, every=max(1, 168 // args.docs))[:args.docs]
    structured = [p for p, _ in structured_cases()]
    sources = {
        "ubl/cii (standards samples)": structured,
        "pdf_text": [CACHE_DIR / f"{i}.pdf" for i in ids],
        "ocr-scan": [CACHE_DIR / f"{i}.scan.pdf" for i in ids[: max(4, args.docs // 3)]],
        "ocr-photo": [photo_path(CACHE_DIR, i) for i in ids[: max(4, args.docs // 3)]],
    }
    print(f"one worker = one process, OMP_THREAD_LIMIT=1, {os.cpu_count()} CPUs on this machine, OCR languages {LANGS}")
    for name, files in sources.items():
        rate, count = docs_per_second(files, Context(searchable_pdf=name.startswith("ocr")))
        print(f"{name:<30} {rate:8.2f} docs/s per worker   ({count} documents)")
    plain, ours, ours_pdf, pages = ocr_overhead(sources["ocr-scan"])
    print(f"OCR per page ({pages} scanned pages): plain tesseract {plain:.2f} s; pipeline {ours:.2f} s "
          f"({100 * (ours - plain) / plain:+.0f}%); with searchable PDF {ours_pdf:.2f} s ({100 * (ours_pdf - plain) / plain:+.0f}%)")


if __name__ == "__main__":
    main()
