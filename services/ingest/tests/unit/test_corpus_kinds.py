"""Issue 13 item 10: sniffing by the leading magic refuses no real document of the development corpus."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.adapters import pdf
from ingest.domain.files import Kind, sniff

CORPUS = Path(os.environ.get("BF_CORPUS_DEV", "/work/shared/corpus-dev"))
EXPECTED = {".pdf": Kind.PDF, ".xml": Kind.XML, ".jpg": Kind.JPEG, ".jpeg": Kind.JPEG, ".png": Kind.PNG}


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in EXPECTED)


@pytest.mark.skipif(not corpus_files(), reason=f"no development corpus at {CORPUS}")
async def test_every_corpus_file_is_sniffed_as_its_kind_and_every_pdf_opens():
    wrong = [(p.name, sniff(p.read_bytes())) for p in corpus_files() if sniff(p.read_bytes()) != EXPECTED[p.suffix.lower()]]
    assert wrong == []
    unopened = [p.name for p in corpus_files() if p.suffix.lower() == ".pdf" and not await pdf.opens(p.read_bytes())]
    assert unopened == []
