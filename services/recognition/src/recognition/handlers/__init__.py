"""Use cases: recognise a received document; keep the dossiers' VAT numbers."""
