"""Which adapter serves a dossier: the software and installation of its accounting link."""
from __future__ import annotations

from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.config import SyncSettings
from sync_connector.domain.errors import UnknownSoftware
from sync_connector.domain.ports import AccountingAdapter


class Adapters:
    """Adapters by (software, installation), built on first use and kept (their sessions too)."""

    def __init__(self, settings: SyncSettings | None = None,
                 fixed: dict[tuple[str, str], AccountingAdapter] | None = None) -> None:
        self._settings = settings
        self._adapters: dict[tuple[str, str], AccountingAdapter] = dict(fixed or {})

    def get(self, software: str, installation: str) -> AccountingAdapter:
        key = (software, installation)
        if key not in self._adapters:
            self._adapters[key] = self._build(software, installation)
        return self._adapters[key]

    def _build(self, software: str, installation: str) -> AccountingAdapter:
        s = self._settings
        if software == "tryton" and s is not None:
            url = s.installations().get(installation)
            if url is None:
                raise UnknownSoftware(f"no Tryton installation {installation!r} (known: "
                                      f"{', '.join(sorted(s.installations()))})")
            return TrytonAdapter(url, user=s.tryton_user, password=s.tryton_password, db_prefix=s.tryton_db_prefix,
                                 suspense_account=s.sync_suspense_account, timeout_s=s.sync_timeout_s)
        raise UnknownSoftware(f"no adapter for accounting software {software!r} installation {installation!r}")

    async def close(self) -> None:
        for adapter in self._adapters.values():
            await adapter.close()
