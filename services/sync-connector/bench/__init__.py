"""`make demo` (Tryton part), `make bench-sync`, `make eval-matching`: beside sync-connector, not shipped (issue 19 item 6)."""
