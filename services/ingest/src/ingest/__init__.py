"""The ingest service of the booking factory."""
