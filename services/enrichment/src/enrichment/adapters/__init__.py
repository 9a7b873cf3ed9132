"""Adapters: the replica on Postgres, and translation from and to the event contracts (the replica in memory is a
test fake: tests/enrichment_memory.py)."""
