"""The generated corpus: facts (seeded), PDFs and their scan and photo variants, ground truth beside each.

`python -m recognition_bench.generate [--out DIR] [--count N]` writes
`DIR/<id>.pdf`, `<id>.scan.pdf`, `<id>.photo.jpg` (`.photo.pdf` when several pages) and `<id>.json` (the ground truth). The ground
truth is also committed under tests/corpus/generated/truth/; the eval checks the generator still
produces it.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from recognition_bench.facts import invoice_facts
from recognition_bench.layouts import render

SEED = 20250315
FAMILIES = ("A", "B", "C", "D", "E", "H")
LANGUAGES = ("fr", "nl", "de", "en")
REPO = Path(__file__).resolve().parents[3]
TRUTH_DIR = REPO / "tests" / "corpus" / "generated" / "truth"
CACHE_DIR = REPO / "tests" / "corpus" / "generated" / "files"


def plan(count: int) -> list[tuple[str, str, str]]:
    """(id, family, language) for `count` documents, families and languages in turn."""
    out = []
    for i in range(count):
        family = FAMILIES[i % len(FAMILIES)]
        language = LANGUAGES[(i // len(FAMILIES)) % len(LANGUAGES)]
        out.append((f"gen-{i:03d}-{family}-{language}", family, language))
    return out


def build(ident: str, family: str, language: str) -> tuple[dict, bytes, bytes, bytes]:
    """Truth, PDF, scan and photo of one document (each seeded by its id, so any subset is reproducible)."""
    from recognition_bench.degrade import photo, scan
    rng = random.Random(f"{SEED}:{ident}")
    facts = invoice_facts(rng, ident, family, language, many_lines=family == "D")
    pdf = render(facts, random.Random(f"{SEED}:{ident}:render"))
    truth = facts.truth()
    if family == "C":  # a till receipt prints neither the buyer nor the BIC
        truth["buyer_vat"] = truth["seller_bic"] = None
    return truth, pdf, scan(pdf, random.Random(f"{SEED}:{ident}:scan")), photo(pdf, random.Random(f"{SEED}:{ident}:photo"))


def ensure(out: Path, count: int, write_truth: Path | None = None, every: int = 1) -> list[str]:
    """Generate what is missing under `out` (every `every`-th document of the plan); returns the ids."""
    out.mkdir(parents=True, exist_ok=True)
    ids = []
    for ident, family, language in plan(count)[::every]:
        ids.append(ident)
        if all((out / f"{ident}{ext}").exists() for ext in (".pdf", ".scan.pdf", ".json")) and photo_path(out, ident):
            if write_truth is not None:
                write_truth.mkdir(parents=True, exist_ok=True)
                (write_truth / f"{ident}.json").write_text((out / f"{ident}.json").read_text())
            continue
        truth, pdf, scanned, photographed = build(ident, family, language)
        (out / f"{ident}.pdf").write_bytes(pdf)
        (out / f"{ident}.scan.pdf").write_bytes(scanned)
        ext = ".photo.pdf" if photographed.startswith(b"%PDF") else ".photo.jpg"
        (out / f"{ident}{ext}").write_bytes(photographed)
        (out / f"{ident}.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
        if write_truth is not None:
            write_truth.mkdir(parents=True, exist_ok=True)
            (write_truth / f"{ident}.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    return ids


def photo_path(out: Path, ident: str) -> Path | None:
    """The photo variant: a JPEG, or a PDF of JPEG pages for a multi-page document."""
    for ext in (".photo.jpg", ".photo.pdf"):
        if (out / f"{ident}{ext}").exists():
            return out / f"{ident}{ext}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CACHE_DIR)
    parser.add_argument("--count", type=int, default=168)
    parser.add_argument("--write-truth", action="store_true", help="also (re)write the committed ground truth")
    args = parser.parse_args()
    ids = ensure(args.out, args.count, TRUTH_DIR if args.write_truth else None)
    print(f"{len(ids)} documents in {args.out}")


if __name__ == "__main__":
    main()
