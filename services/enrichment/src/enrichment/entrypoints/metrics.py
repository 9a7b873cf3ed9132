"""Prometheus figures of enrichment (served on /metrics with the shared ones)."""
from prometheus_client import Counter, Gauge

PROPOSALS = Counter("bf_enrichment_proposals", "Proposals made, by WL-3 status and counterparty status.",
                    ["status", "counterparty"])
WARNINGS = Counter("bf_enrichment_warnings", "Warnings on proposals made, by code.", ["code"])

# ENR-2 / REC-3: the reference rates; the gauges are the shared state (whichever instance fetched)
RATES_LAST_SUCCESS = Gauge("bf_enrichment_rates_last_success_timestamp_seconds",
                           "When the scheduled fetch of the ECB reference rates last worked (0: never).")
RATES_NEWEST_DAY = Gauge("bf_enrichment_rates_newest_day_timestamp_seconds",
                         "Midnight UTC of the newest stored reference rate's day (0: no rates).")
RATES_FETCH_FAILURES = Counter("bf_enrichment_rates_fetch_failures",
                               "Failed attempts of this instance to fetch the reference rates.")
