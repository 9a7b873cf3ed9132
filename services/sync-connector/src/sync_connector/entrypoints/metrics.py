"""Prometheus metrics of the sync-connector (served on /metrics with the runtime's)."""
from prometheus_client import Counter, Histogram

POSTINGS = Counter("bf_sync_postings", "Proposals handled, by outcome (posted, already_posted, refused) and software.",
                   ["software", "outcome"])
POSTING_SECONDS = Histogram("bf_sync_posting_seconds", "Time to post one booking in the accounting software.",
                            ["software"], buckets=(0.1, 0.25, 0.5, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0, 60.0))
SYNC_RUNS = Counter("bf_sync_runs", "Sync runs, by reason and outcome.", ["reason", "outcome"])
