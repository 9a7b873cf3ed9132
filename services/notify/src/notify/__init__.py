"""The notify service of the booking factory."""
