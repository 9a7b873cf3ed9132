"""What reporting's handlers and routes need, built once at start by bootstrap.build_deps (or by a test)."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True)
class Deps:
    pool: asyncpg.Pool
