"""What notify's handlers and routes need, built once at start by bootstrap.build_deps (or by a test)."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from runtime.storage import ObjectStorage

from notify.config import NotifySettings


@dataclass(frozen=True)
class Deps:
    pool: asyncpg.Pool
    settings: NotifySettings  # notify_portal_url: the base of the links in mails
    store: ObjectStorage | None = None  # files attached to messages (COM-1)
