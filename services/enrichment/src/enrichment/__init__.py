"""The enrichment service of the booking factory."""
