"""Edges of ingest: HTTP routes, the SMTP server and Kafka handlers."""
