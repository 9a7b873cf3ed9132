"""The ingest domain: files, documents, page selections and the rules of the mailboxes. No I/O."""
