"""`make bench-ingest`: beside the ingest service, not shipped (issue 19 item 6)."""
