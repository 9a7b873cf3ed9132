"""Settings of the sync-connector (BF_ environment, names as in deploy/local/stack.env)."""
from __future__ import annotations

import json

from runtime.config import Settings


class SyncSettings(Settings):
    """The shared settings plus where the accounting software installations are."""

    tryton_port: int = 8000
    tryton_user: str = "admin"
    tryton_password: str = ""
    tryton_db_prefix: str = "tryton_"
    tryton_template_db: str = "tryton_template"
    # JSON {"<installation>": "<url>"} of Tryton servers; empty = {"local": http://127.0.0.1:$BF_TRYTON_PORT}
    tryton_installations: str = ""
    sync_suspense_account: str = "499000"
    sync_part_size: int = 500            # records per ledger.synced event of a large sync
    sync_nightly_hour: int = 2           # SYN-3: nightly syncs are requested from this hour (UTC) on
    sync_scheduler_interval_s: float = 10.0
    sync_after_posting_s: float = 30.0   # SYN-2: the sync after postings waits this long after the last one
    sync_timeout_s: float = 60.0         # every call to the accounting software

    def installations(self) -> dict[str, str]:
        if self.tryton_installations.strip():
            return dict(json.loads(self.tryton_installations))
        return {"local": f"http://127.0.0.1:{self.tryton_port}"}
