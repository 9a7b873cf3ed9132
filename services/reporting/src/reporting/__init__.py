"""The reporting service of the booking factory."""
