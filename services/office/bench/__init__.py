"""`make demo` (the demo office, its dossiers and logins): beside the office service, not shipped (issue 19 item 6)."""
