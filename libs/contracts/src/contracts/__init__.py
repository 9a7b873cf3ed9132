"""Event contracts of the booking factory."""
