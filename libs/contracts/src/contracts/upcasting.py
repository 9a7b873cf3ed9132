"""Upcasters: the explicit mapping that turns an old payload of an event into its current shape.

A breaking change bumps the model's SCHEMA_VERSION and adds `upcast_vN_vM(payload) -> dict`
beside the model (M = N + 1); register it here under (event type, N). No discovery, no magic:
what is not listed here does not exist.

A rerouting is the other kind of step: an old message of one topic that stands for an event another topic
carries since (a ledger.synced v1 posting outcome is a booking.recorded); register it in REROUTES.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from contracts.envelope import ContractError
from contracts.events import bookings, documents, ledger, recognition

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]

UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("document.received", 1): documents.upcast_v1_v2,
    ("ledger.synced", 1): ledger.upcast_v1_v2,
    ("document.recognized", 1): recognition.upcast_v1_v2,
}
"""(event type, from version) -> function turning that version's payload into the next version's."""

Rerouter = Callable[[Payload], "Payload | None"]

REROUTES: dict[tuple[str, int], tuple[str, Rerouter]] = {
    ("ledger.synced", 1): ("booking.recorded", bookings.from_ledger_synced_v1),
}
"""(event type, version) -> (the topic whose event such a message may stand for, function giving that event's
payload — with its own schema_version — or None when the message is its own topic's event). A consumer that
handles the other topic applies the message there, once (the event keeps the message's id); a consumer that
does not skips it; neither hands it to a handler of its own topic (`contracts.codec.rerouted`)."""


def rerouted_from(topic: str) -> tuple[str, ...]:
    """The topics whose old messages may stand for an event of `topic`: what a consumer of `topic` reads too."""
    return tuple(sorted({source for (source, _), (target, _) in REROUTES.items() if target == topic}))


def upcast(event_type: str, payload: Payload, to_version: int,
           upcasters: Mapping[tuple[str, int], Upcaster] | None = None) -> Payload:
    """Chain upcasters from the payload's schema_version up to `to_version`."""
    table = UPCASTERS if upcasters is None else upcasters
    version = payload.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ContractError(f"{event_type}: schema_version must be a positive integer, got {version!r}",
                            fields=("schema_version",))
    while version < to_version:
        step = table.get((event_type, version))
        if step is None:
            raise ContractError(f"{event_type}: no upcaster from schema_version {version} to {version + 1}",
                                fields=("schema_version",))
        payload = {**step(dict(payload)), "schema_version": version + 1}
        version += 1
    return payload


def has_upcast_path(event_type: str, from_version: int, to_version: int,
                    upcasters: Mapping[tuple[str, int], Upcaster] | None = None) -> bool:
    """Whether every step from `from_version` to `to_version` has a registered upcaster."""
    table = UPCASTERS if upcasters is None else upcasters
    return all((event_type, v) in table for v in range(from_version, to_version))
