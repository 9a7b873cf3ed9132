"""`make bench-recognition`: documents per second per worker for each source, and OCR time per page against
plain tesseract on the same page images (the pipeline's overhead). Not a test: it prints what it measured.

Each document is read as the worker reads it: sent to a warm sandbox child (`Sandbox.run('extract')`: the
pickled job there, the reading and validation in the child, the pickled outcome back). Per source it prints
the wall-clock documents/s of that one worker (the machine is shared: this moves with the load) and the CPU
seconds per document of the child and the parent together (load-independent), with the documents/s one worker
reaches at that CPU cost. Sources: the standards' UBL/CII samples, the generated corpus (text PDFs, scans,
photos) and, when `../shared/corpus-dev` is there (BF_CORPUS_DEV), its UBL, CII, hybrid PDFs and born-digital
PDFs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from recognition_bench.generate import CACHE_DIR, REPO, ensure, photo_path
from recognition_bench.structured_truth import structured_cases
from recognition.extractors.base import Context, Limits
from recognition.extractors.ocr import page_images
from recognition.extractors.probe import Probe
from recognition.extractors.registry import recognise
from recognition.sandbox import Sandbox

LANGS = "fra+nld+deu+eng"


def corpus_dev() -> Path:
    """Where the real documents of corpus-dev are (they may be absent: then their sources are skipped)."""
    return Path(os.environ.get("BF_CORPUS_DEV") or REPO.parent / "shared" / "corpus-dev")


def corpus_dev_sources(root: Path) -> dict[str, list[Path]]:
    """corpus-dev's structured documents by syntax and container, and its born-digital PDFs."""
    sources: dict[str, list[Path]] = {}
    truth = root / "truth.jsonl"
    if not truth.exists():
        return sources
    for line in truth.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or row["group"] not in ("structured", "pdf_text"):
            continue
        path = root / row["file"]
        if row["group"] == "pdf_text":
            name = "corpus-dev born-digital PDF"
        elif path.suffix.lower() == ".pdf":
            name = "corpus-dev Factur-X/ZUGFeRD PDF"
        else:
            name = f"corpus-dev {Probe(path.read_bytes()).xml_flavour.upper()} XML"
        sources.setdefault(name, []).append(path)
    return sources


def worker_rate(sandbox: Sandbox, files: list[Path], ctx: Context, warm_all: bool) -> tuple[float, float]:
    """(documents/s wall clock, CPU seconds per document of child and parent) of one worker reading `files` one
    after the other through its sandbox child, once warm: after reading each of them once (`warm_all`: every
    schema and schematron compiled, as in a worker that has run a while) or the first one (OCR)."""
    datas = [path.read_bytes() for path in files]
    for data in datas if warm_all else datas[:1]:
        sandbox.run("extract", data, ctx)
    child, parent, started = sandbox.cpu_seconds(), time.process_time(), time.perf_counter()
    for data in datas:
        sandbox.run("extract", data, ctx)
    elapsed = time.perf_counter() - started
    cpu = sandbox.cpu_seconds() - child + time.process_time() - parent
    return len(datas) / elapsed, cpu / len(datas)


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
    parser.add_argument("--docs", type=int, default=24, help="generated documents per source")
    parser.add_argument("--sources", default="", help="only the sources whose name contains one of these words "
                                                      "(comma-separated, e.g. 'ubl,cii,born-digital')")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR sources and the OCR overhead")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    wanted = [w.strip().lower() for w in args.sources.split(",") if w.strip()]

    def keep(name: str) -> bool:
        return (not wanted or any(w in name.lower() for w in wanted)) and not (args.no_ocr and name.startswith("ocr"))

    chosen = {name: files for name, files in {"ubl/cii (standards samples)": [p for p, _ in structured_cases()],
                                              **corpus_dev_sources(corpus_dev())}.items() if keep(name)}
    generated = [name for name in ("pdf_text (generated)", "ocr-scan (generated)", "ocr-photo (generated)")
                 if keep(name)]
    if generated:
        ids = ensure(CACHE_DIR, 168, every=max(1, 168 // args.docs))[:args.docs]
        few = ids[: max(4, args.docs // 3)]
        files = {"pdf_text (generated)": [CACHE_DIR / f"{i}.pdf" for i in ids],
                 "ocr-scan (generated)": [CACHE_DIR / f"{i}.scan.pdf" for i in few],
                 "ocr-photo (generated)": [photo_path(CACHE_DIR, i) for i in few]}
        chosen.update((name, files[name]) for name in generated)
    print(f"one worker = one warm sandbox child, documents one after the other; OMP_THREAD_LIMIT=1, "
          f"{os.cpu_count()} CPUs on this machine (load {os.getloadavg()[0]:.1f}), OCR languages {LANGS}")
    print(f"{'source':<34} {'docs':>5} {'docs/s wall':>12} {'CPU ms/doc':>11} {'docs/s by CPU':>14}")
    sandbox = Sandbox()
    try:
        for name, files in chosen.items():
            ocr = name.startswith("ocr")
            rate, cpu = worker_rate(sandbox, files, Context(searchable_pdf=ocr), warm_all=not ocr)
            print(f"{name:<34} {len(files):5d} {rate:12.2f} {1000 * cpu:11.1f} {1 / cpu:14.1f}")
    finally:
        sandbox.close()
    if "ocr-scan (generated)" in chosen:
        plain, ours, ours_pdf, pages = ocr_overhead(chosen["ocr-scan (generated)"])
        print(f"OCR per page ({pages} scanned pages): plain tesseract {plain:.2f} s; pipeline {ours:.2f} s "
              f"({100 * (ours - plain) / plain:+.0f}%); with searchable PDF {ours_pdf:.2f} s "
              f"({100 * (ours_pdf - plain) / plain:+.0f}%)")


if __name__ == "__main__":
    main()
