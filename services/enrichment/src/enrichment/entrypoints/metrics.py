"""Prometheus figures of enrichment (served on /metrics with the shared ones)."""
from prometheus_client import Counter

PROPOSALS = Counter("bf_enrichment_proposals", "Proposals made, by WL-3 status and counterparty status.",
                    ["status", "counterparty"])
WARNINGS = Counter("bf_enrichment_warnings", "Warnings on proposals made, by code.", ["code"])
