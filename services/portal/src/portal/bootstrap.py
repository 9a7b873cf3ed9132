"""Composition root of the portal service: what it consumes, serves and migrates."""
from pathlib import Path

from runtime.service import ServiceSpec

SPEC = ServiceSpec(
    name="portal",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
)
