"""Prometheus figures of payments (served on /metrics with the shared ones)."""
from prometheus_client import Counter

PAYMENTS_CREATED = Counter("bf_payments_created", "Payments created, by method.", ["method"])
PAYMENTS_APPROVED = Counter("bf_payments_approved", "Payments that reached to_execute (payment.approved).")
PAYMENTS_EXECUTED = Counter("bf_payments_executed", "Payments handed to the bank, by method.", ["method"])
PAYMENTS_CANCELLED = Counter("bf_payments_cancelled", "Payments cancelled.")
SEPA_FILES = Counter("bf_payments_sepa_files", "SEPA pain.001 files produced.")
DOCUMENTS_PAYABLE = Counter("bf_payments_documents_payable",
                            "Purchase invoices recorded for prefill (proposal.created).")
