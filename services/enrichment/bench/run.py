"""`make eval-enrichment`: month by month, the share of proposals whose accounts and VAT codes equal the
final booking, over a synthetic year of three dossiers (fixed seed)."""
from __future__ import annotations

import argparse
import asyncio

from enrichment_bench.replay import Score, replay_dossier
from enrichment_bench.world import build


def _pct(scores: list[Score], attr: str = "lines_right") -> str:
    return f"{100 * sum(getattr(s, attr) for s in scores) / len(scores):5.1f}%" if scores else "    -"


def report(scores: list[Score]) -> str:
    head = (f"{'month':>5} {'docs':>5} {'all':>7} {'recur.':>6} {'recurring':>9} {'recur.2nd+':>10} "
            f"{'one-off':>7} {'cpty':>7}")
    rows = [head]
    for month in range(1, 13):
        m = [s for s in scores if s.month == month]
        rec = [s for s in m if s.recurring]
        again = [s for s in rec if s.seen_before]
        rows.append(f"{month:>5} {len(m):>5} {_pct(m):>7} {len(rec):>6} {_pct(rec):>9} {_pct(again):>10} "
                    f"{_pct([s for s in m if not s.recurring]):>7} {_pct(m, 'counterparty_right'):>7}")
    later = [s for s in scores if s.month >= 2 and s.recurring]
    rows.append(f"year  {len(scores):>5} {_pct(scores):>7} {sum(s.recurring for s in scores):>6} "
                f"{_pct([s for s in scores if s.recurring]):>9} {_pct([s for s in scores if s.recurring and s.seen_before]):>10} "
                f"{_pct([s for s in scores if not s.recurring]):>7} {_pct(scores, 'counterparty_right'):>7}")
    suppliers = [s for s in later if s.supplier]
    rows.append(f"recurring suppliers and customers from month 2 on: {_pct(later).strip()} ({len(later)} proposals)")
    rows.append(f"recurring suppliers from month 2 on: {_pct(suppliers).strip()} ({len(suppliers)} proposals; "
                "target >= 90%)")
    return "\n".join(rows)


async def evaluate(seed: int) -> list[Score]:
    scores: list[Score] = []
    for d in build(seed):
        own = await replay_dossier(d, seed)
        scores += own
        print(f"{d.name}: {len(own)} proposals, accounts and VAT codes right {_pct(own).strip()}, "
              f"recurring from month 2 on {_pct([s for s in own if s.recurring and s.month >= 2]).strip()}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--seeds", type=int, default=1, help="also replay this many more years (seed+1, ...)")
    args = parser.parse_args()
    scores = asyncio.run(evaluate(args.seed))
    print()
    print("share of proposals whose accounts and VAT codes equal the final booking")
    print("(all; recurring = a counterparty with more than one document in the year; recur.2nd+ = its counterparty")
    print(" already had a final booking; cpty = counterparty known/new as it should be)")
    print(report(scores))
    if args.seeds > 1:
        print("\nother synthetic years (recurring suppliers from month 2 on):")
        for seed in range(args.seed + 1, args.seed + args.seeds):
            other = asyncio.run(_quiet(seed))
            later = [s for s in other if s.month >= 2 and s.recurring and s.supplier]
            print(f"  seed {seed}: {_pct(later).strip()} of {len(later)}; all proposals {_pct(other).strip()}")


async def _quiet(seed: int) -> list[Score]:
    scores: list[Score] = []
    for d in build(seed):
        scores += await replay_dossier(d, seed)
    return scores


if __name__ == "__main__":
    main()
