"""Composition root of the payments service: what it consumes, serves and migrates."""
from pathlib import Path

from runtime.service import ServiceSpec

SPEC = ServiceSpec(
    name="payments",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
)
