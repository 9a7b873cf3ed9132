"""Postgres repositories, the signing keyring and the event outbox of the office service."""
