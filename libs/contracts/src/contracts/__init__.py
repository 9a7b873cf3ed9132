"""Event contracts of the booking factory: event models, topic registry, codec, CloudEvents headers.

Modules: `envelope` (Event, ContractError), `money` (Money, Currency), `events` (one model per
event), `registry` (TOPICS), `codec` (serialize, deserialize), `cloudevents` (Kafka headers),
`upcasting` (UPCASTERS), `compat` (breaking_changes), `docs` (`python -m contracts.docs`).
"""
