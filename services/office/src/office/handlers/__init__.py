"""Use cases of the office service: one function per command, dependencies passed in."""
