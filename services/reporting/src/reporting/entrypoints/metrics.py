"""Prometheus figures of reporting (served on /metrics with the shared ones)."""
from prometheus_client import Counter

RECORDS = Counter("bf_reporting_ledger_records", "Ledger records applied from ledger.synced, by kind.", ["kind"])
ARCHIVED = Counter("bf_reporting_documents_archived", "Documents added to the archive (document.received).")
VIEWS = Counter("bf_reporting_views", "Reporting pages served, by view (dashboard, history, report name...).",
                ["view"])
EXPORTS = Counter("bf_reporting_exports", "Excel exports produced, by list.", ["list"])
