"""Extractors, one module per format, chosen by content (see registry)."""
