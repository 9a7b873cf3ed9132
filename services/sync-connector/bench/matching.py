"""`make eval-matching`: a generated year of CODA statements per demo dossier, written, read back and matched;
the share of payment lines matched right, matched wrong and left to the office, per scenario (issue 17)."""
from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from runtime.bankfiles import read_statement
from runtime.bankfiles.write import to_coda

from sync_connector.domain.matching import match_statement
from sync_connector_bench.year import generate

DOSSIERS = ("dupont", "peeters", "schmitz")


def evaluate(dossier: str, year: int) -> Counter:
    """Counts by (scenario, verdict): right, wrong, left (not matched), or for lines that pay nothing
    clear (not matched) or wrong."""
    generated = generate(dossier, year)
    left = {i.reference: i.amount_open for i in generated.invoices}
    counts: Counter = Counter()
    for written in generated.statements:
        statement = read_statement(to_coda(written))  # through the file, as the import reads it
        open_items = [replace(i, amount_open=left[i.reference]) for i in generated.invoices
                      if generated.issued_on[i.reference] <= statement.statement_date and left[i.reference] > 0]
        for match in match_statement(statement.lines, open_items):
            truth = generated.truth[(statement.number, match.line.sequence)]
            got = {item.reference: amount for item, amount in match.paid}
            for reference, amount in got.items():
                left[reference] -= amount
            if not truth.paid:
                verdict = "wrong" if got else "clear"
            else:
                verdict = "left" if not got else ("right" if got == truth.paid else "wrong")
            counts[(truth.scenario, verdict)] += 1
    return counts


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(counts: Counter) -> str:
    scenarios = sorted({s for s, _ in counts})
    rows = [f"{'scenario':<18} {'lines':>6} {'right':>7} {'wrong':>7} {'left':>7}"]
    for scenario in scenarios:
        n = sum(v for (s, _), v in counts.items() if s == scenario)
        right = counts[(scenario, "right")] + counts[(scenario, "clear")]
        rows.append(f"{scenario:<18} {n:>6} {_share(right, n):>7} {_share(counts[(scenario, 'wrong')], n):>7} "
                    f"{_share(counts[(scenario, 'left')], n):>7}")
    payments = sum(v for (s, verdict), v in counts.items() if verdict in ("right", "wrong", "left"))
    right, wrong = sum(v for (_, verdict), v in counts.items() if verdict == "right"), \
        sum(v for (_, verdict), v in counts.items() if verdict == "wrong")
    rows.append(f"payment lines: {payments}, matched right {_share(right, payments)}, matched wrong "
                f"{_share(wrong, payments)} ({wrong} lines), left for the office "
                f"{_share(payments - right - wrong, payments)}")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--dossiers", nargs="*", default=list(DOSSIERS))
    args = parser.parse_args()
    started, total = time.perf_counter(), Counter()
    for dossier in args.dossiers:
        counts = evaluate(dossier, args.year)
        total.update(counts)
        print(f"== {dossier}\n{report(counts)}\n")
    print(f"== all dossiers ({len(args.dossiers)}, year {args.year})\n{report(total)}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
