"""The payments service of the booking factory."""
