"""Composition root of the sync-connector service: what it consumes, serves and migrates."""
from pathlib import Path

from runtime.service import ServiceSpec

SPEC = ServiceSpec(
    name="sync-connector",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
)
