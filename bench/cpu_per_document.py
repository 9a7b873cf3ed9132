"""CPU seconds each process of the local stack spends per document: a figure the machine's load does not change.

Wall-clock latency on a shared 2-core machine says as much about the neighbours as about the pipeline; the CPU
a process consumes for a given amount of work does not. `snapshot()` reads utime+stime of every process of the
stack from /proc (each service of .stack/run/*.pid with its scaled instances and sandbox children, Kafka, the
object store, Tryton, the monitoring parts, and PostgreSQL split by database: a backend's title names it), plus
cutime+cstime (children that ended and were reaped). `report()` turns two snapshots into ms per document.

PostgreSQL backends of databases that are not the stack's (other people's test runs) are left out; Kafka is
shared with whatever else uses the broker, so its figure is an upper bound on a busy machine.

    python bench/cpu_per_document.py --seconds 10          # the idle cost of each process, ms per second
    make bench-pipeline BENCH_ARGS="--rate 8 --seconds 60"  # pipeline.py prints the table after its run
"""
from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STACK = Path(os.environ.get("BF_STACK_DIR", ROOT / ".stack"))
TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, CPU seconds of the process, of its ended and reaped children), None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) ": state ppid ... utime(12) stime cutime cstime
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, (int(fields[13]) + int(fields[14])) / TICK


def _title(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def _roots() -> dict[int, str]:
    """The stack's top processes by pid: one name each (pid files of .stack/run, PostgreSQL's postmaster)."""
    roots = {}
    for file in sorted((STACK / "run").glob("*.pid")):
        try:
            roots[int(file.read_text().split()[0])] = file.stem
        except (OSError, ValueError, IndexError):
            continue
    postmaster = STACK / "postgres" / "data" / "postmaster.pid"
    if postmaster.exists():
        roots[int(postmaster.read_text().split()[0])] = "postgres"
    return roots


def _group(name: str) -> str:
    """Scaled instances count with their service (recognition-2 -> recognition); the object store is one part."""
    base, _, k = name.rpartition("-")
    if k.isdigit():
        return base
    return "object-store" if name.startswith("seaweedfs") else name


def snapshot() -> dict[str, float]:
    """CPU seconds consumed so far, by part of the stack (PostgreSQL by database, its background
    processes as 'postgres server', and the connections that ended meanwhile, anyone's, apart)."""
    tree: dict[int, list[int]] = defaultdict(list)
    stats: dict[int, tuple[float, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (found := _stat(int(entry))) is not None:
            tree[found[0]].append(int(entry))
            stats[int(entry)] = found[1:]
    totals: dict[str, float] = defaultdict(float)
    roots = _roots()
    for root, name in roots.items():
        if root not in stats:
            continue
        pending = [root]
        while pending:
            pid = pending.pop()
            part, own, ended = _group(name), *stats[pid]
            if name == "postgres" and pid == root:  # ended connections of anyone (tests too) are reaped here
                totals["postgres ended connections"] += ended
                part, ended = "postgres server", 0.0
            elif name == "postgres":
                part = _postgres_part(_title(pid))
                if part is None:
                    continue  # a backend of someone else's database
            totals[part] += own + ended
            pending += [child for child in tree.get(pid, ()) if child not in roots]
    return dict(totals)


def _postgres_part(title: str) -> str | None:
    """'postgres: bf bf_ingest 127.0.0.1(5) idle' -> 'postgres bf_ingest'; background workers -> 'postgres'."""
    words = title.split()
    if len(words) >= 3 and words[0] == "postgres:" and "(" in (words[3] if len(words) > 3 else ""):
        database = words[2]
        return f"postgres {database}" if database.startswith("bf_") else None
    return "postgres server"


def report(before: dict[str, float], after: dict[str, float], documents: int, seconds: float,
           idle: dict[str, float] | None = None) -> list[str]:
    """Lines of a table: CPU ms per document by part, largest first, with the total; `idle` (CPU s per s of an
    idle stack, from `idle_rates`) adds a column with that background cost taken out."""
    used = {part: after.get(part, 0.0) - before.get(part, 0.0) for part in after}
    per_doc = max(1, documents)
    lines = [f"CPU per document over {documents} documents in {seconds:.0f} s "
             f"({os.cpu_count()} cores; {sum(used.values()) / seconds * 100:.0f}% of one core on average)",
             f"  {'part':<28} {'ms/doc':>8}" + (f" {'minus idle':>11}" if idle else "")]
    total = net_total = 0.0
    for part, spent in sorted(used.items(), key=lambda item: -item[1]):
        if spent <= 0:
            continue
        ms = spent * 1000 / per_doc
        net = max(0.0, spent - (idle or {}).get(part, 0.0) * seconds) * 1000 / per_doc
        total, net_total = total + ms, net_total + net
        if ms >= 0.5:
            lines.append(f"  {part:<28} {ms:>8.1f}" + (f" {net:>11.1f}" if idle else ""))
    lines.append(f"  {'total':<28} {total:>8.1f}" + (f" {net_total:>11.1f}" if idle else ""))
    return lines


def machine_ticks() -> tuple[int, int]:
    """(busy, all) clock ticks of every core since boot, from /proc/stat: the machine's own load, the stack's and
    anyone else's (two readings give the share of the cores that was busy in between)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of all cores busy between two `machine_ticks` readings (0..1)."""
    spent = after[1] - before[1]
    return (after[0] - before[0]) / spent if spent else 0.0


def idle_rates(seconds: float) -> dict[str, float]:
    """CPU seconds per second each part spends with no documents coming (polling, scrapes, heartbeats)."""
    before = snapshot()
    time.sleep(seconds)
    after = snapshot()
    return {part: max(0.0, after.get(part, 0.0) - before.get(part, 0.0)) / seconds for part in after}


def main() -> None:
    parser = argparse.ArgumentParser(description="the idle CPU of each part of the stack, ms per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    rates = idle_rates(args.seconds)
    print(f"idle CPU over {args.seconds:.0f} s, ms per second (= per document at 1 document/s):")
    for part, rate in sorted(rates.items(), key=lambda item: -item[1]):
        if rate * 1000 >= 0.5:
            print(f"  {part:<28} {rate * 1000:>8.1f}")
    print(f"  {'total':<28} {sum(rates.values()) * 1000:>8.1f}")


if __name__ == "__main__":
    main()
