"""The worklist service of the booking factory."""
