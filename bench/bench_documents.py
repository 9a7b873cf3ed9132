"""The documents the benches offer: Peppol UBL from the shared standards' examples made unique, born-digital
invoice PDFs and scans from the recognition generator, mixed in given shares (pipeline.py, day.py, chaos.py)."""
from __future__ import annotations

import os
import random
import re
import uuid
from pathlib import Path

STANDARDS = Path(os.environ.get("BF_STANDARDS_DIR", "/work/shared/standards"))
UBL_EXAMPLES = ("base-example.xml", "vat-category-E.xml", "Vat-category-S.xml", "Allowance-example.xml")


def ubl(n: int) -> tuple[str, bytes, str]:
    """A Peppol BIS 3 example with its own invoice number (and so its own file hash) and issue date: four invoices
    repeated with one seller, amount and date would be flagged as duplicates of each other, unlike an office's."""
    source = (STANDARDS / "peppol-bis3" / "examples" / UBL_EXAMPLES[n % len(UBL_EXAMPLES)]).read_text("utf-8")
    number = f"BENCH-{uuid.uuid4().hex[:12]}"
    xml = re.sub(r"<cbc:ID>[^<]*</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>", source, count=1)
    xml = re.sub(r"<cbc:IssueDate>(\d{4})-(\d\d)-\d\d<", lambda m: f"<cbc:IssueDate>{int(m[1]) - random.randrange(10)}"
                 f"-{m[2]}-{random.randint(1, 28):02}<", xml, count=1)  # before its due date, as the original
    return f"{number}.xml", xml.encode("utf-8"), "application/xml"


def pdf(n: int, scanned: bool = False) -> tuple[str, bytes, str]:
    """A born-digital invoice PDF from the generator (or the same printed and scanned)."""
    from recognition_bench.degrade import scan
    from recognition_bench.facts import invoice_facts
    from recognition_bench.layouts import render

    rng = random.Random(f"bench:{uuid.uuid4()}")
    facts = invoice_facts(rng, f"bench-{n}", "ABCDE"[n % 5], ("fr", "nl", "de", "en")[n % 4])
    content = render(facts, rng)
    if scanned:
        content = scan(content, rng)
    return f"bench-{n}{'-scan' if scanned else ''}.pdf", content, "application/pdf"


def documents(count: int, mix: dict[str, float]) -> list[tuple[str, bytes, str]]:
    """`count` documents, the kinds interleaved in the shares of `mix` (ubl, pdf, scan)."""
    total = sum(mix.values()) or 1.0
    made, counts = [], {kind: 0 for kind in mix}
    for n in range(count):
        kind = max(mix, key=lambda k: mix[k] / total * (n + 1) - counts[k])  # the kind furthest behind its share
        counts[kind] += 1
        made.append(ubl(n) if kind == "ubl" else pdf(n, scanned=kind == "scan"))
    return made
