"""The office service of the booking factory."""
