"""`make bench-worklist`: beside the worklist service, not shipped (issue 19 item 6)."""
