"""Composition root of the office service: what it consumes, serves and migrates."""
from pathlib import Path

from runtime.service import ServiceSpec

SPEC = ServiceSpec(
    name="office",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
)
