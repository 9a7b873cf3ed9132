"""bf_external_id: the booking factory's proposal id on invoices and moves, unique per company.

A redelivered proposal.validated must never post twice: the connector looks the id up first,
and the unique constraint is the backstop when two deliveries race.
"""
