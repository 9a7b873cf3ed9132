"""What notify's handlers and routes need, built once at start by bootstrap.build_deps (or by a test)."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import asyncpg
from runtime.storage import ObjectStorage

from notify.config import NotifySettings
from notify.handlers.notifications import dossier_projection


@dataclass(frozen=True)
class Deps:
    pool: asyncpg.Pool
    settings: NotifySettings  # notify_portal_url: the base of the links in mails
    store: ObjectStorage | None = None  # files attached to messages (COM-1)
    # the dossier.changed use case (replica, then the requests that waited), built once with the deps from
    # notify_portal_url, not per message
    on_dossier_changed: Callable[..., Awaitable[None]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "on_dossier_changed", dossier_projection(self.settings.notify_portal_url))
