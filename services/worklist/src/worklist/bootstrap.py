"""Composition root of the worklist service: what it consumes, serves and migrates."""
from pathlib import Path

from runtime.service import ServiceSpec

SPEC = ServiceSpec(
    name="worklist",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
)
