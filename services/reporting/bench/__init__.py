"""`make bench-reporting`: beside the reporting service, not shipped (issue 19 item 6)."""
