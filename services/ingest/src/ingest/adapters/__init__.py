"""Adapters of ingest: PDFs and photos, archives, e-mail messages, Postgres, object storage."""
