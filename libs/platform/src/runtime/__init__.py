"""The runtime every booking-factory service shares: settings, database, outbox, inbox, auth, telemetry, storage."""
