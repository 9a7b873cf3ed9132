"""What enrichment's handlers and routes need, built once at start by bootstrap.build_deps (or by a test)."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from enrichment.config import EnrichmentSettings


@dataclass(frozen=True)
class Deps:
    pool: asyncpg.Pool
    settings: EnrichmentSettings
