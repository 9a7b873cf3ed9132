"""Upcasters: the explicit mapping that turns an old payload of an event into its current shape.

A breaking change bumps the model's SCHEMA_VERSION and adds `upcast_vN_vM(payload) -> dict`
beside the model (M = N + 1); register it here under (event type, N). No discovery, no magic:
what is not listed here does not exist.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from contracts.envelope import ContractError
from contracts.events import documents, ledger, recognition

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]

UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("document.received", 1): documents.upcast_v1_v2,
    ("ledger.synced", 1): ledger.upcast_v1_v2,
    ("document.recognized", 1): recognition.upcast_v1_v2,
}
"""(event type, from version) -> function turning that version's payload into the next version's."""


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
