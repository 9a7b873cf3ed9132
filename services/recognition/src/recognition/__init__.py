"""The recognition service of the booking factory."""
