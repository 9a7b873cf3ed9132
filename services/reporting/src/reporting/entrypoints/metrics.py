"""Prometheus figures of reporting (served on /metrics with the shared ones)."""
from prometheus_client import Counter, Histogram

RECORDS = Counter("bf_reporting_ledger_records", "Ledger records applied from ledger.synced, by kind.", ["kind"])
ARCHIVED = Counter("bf_reporting_documents_archived", "Documents added to the archive (document.received).")
VIEWS = Counter("bf_reporting_views", "Reporting pages served, by view (dashboard, history, report name...).",
                ["view"])
EXPORTS = Counter("bf_reporting_exports", "Excel exports produced, by list.", ["list"])

# Issue 18: seconds from a document's upload (document.received) to each later stage, by the stage event's own time
# (its occurred_at, so reporting's lag does not count), once per document and stage. People validate, hence 1 day.
STAGE_SECONDS = Histogram(
    "bf_stage_seconds", "Seconds from a document's upload to its stage (recognised, proposed, validated, booked).",
    ["stage"], buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400))
