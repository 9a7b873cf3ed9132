"""Adapters: the replica on Postgres (and in memory), and translation from and to the event contracts."""
