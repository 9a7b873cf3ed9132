"""The sync-connector service of the booking factory."""
