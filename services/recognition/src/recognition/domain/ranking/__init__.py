"""Candidates described by features, and the trained re-ranker that may choose among them (issue 14 item 2)."""
