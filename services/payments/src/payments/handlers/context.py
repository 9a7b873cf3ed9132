"""What payments' handlers and routes need, built once at start by bootstrap.build_deps (or by a test)."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from runtime.storage import ObjectStorage

from payments.config import PaymentsSettings


@dataclass(frozen=True)
class Deps:
    """The pool, the object store the SEPA files are kept in (its bucket made sure of), the settings."""

    pool: asyncpg.Pool
    store: ObjectStorage
    settings: PaymentsSettings
