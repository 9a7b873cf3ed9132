"""What every sync-connector route shares: its dependencies."""
from __future__ import annotations

from fastapi import Request
from runtime.http import deps

from sync_connector.handlers.context import Deps


def deps_of(request: Request) -> Deps:
    """The sync-connector's dependencies, built once at start (runtime.http.deps, typed)."""
    return deps(request)
