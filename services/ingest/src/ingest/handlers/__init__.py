"""Use cases of ingest: intake of files, editing, splitting and merging, sending, and following events."""
