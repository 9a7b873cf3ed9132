"""Composition root of the notify service: what it consumes, serves and migrates."""
from pathlib import Path

from runtime.service import ServiceSpec

SPEC = ServiceSpec(
    name="notify",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
)
