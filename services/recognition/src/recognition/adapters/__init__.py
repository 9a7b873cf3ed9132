"""Adapters: the wire contract, the results repository (Postgres), the object store."""
