"""Settings of enrichment (BF_ environment, names as in deploy/local/stack.env)."""
from __future__ import annotations

from pydantic import Field
from runtime.config import Settings

from enrichment.adapters.ecb import ECB_HISTORY_URL


class EnrichmentSettings(Settings):
    """The shared settings plus the schedule of the reference-rate fetch (ENR-2, REC-3)."""

    # where the rates are fetched from once a day; empty = never (offline: `rates load FILE`)
    enrichment_rates_url: str = ECB_HISTORY_URL
    enrichment_rates_hour: int = Field(default=15, ge=0, le=23)  # UTC; the ECB publishes ~16:00 CET
    enrichment_rates_retry_s: float = 900.0        # after a failed fetch, doubled each failure in a row ...
    enrichment_rates_retry_max_s: float = 14400.0  # ... up to this
    enrichment_rates_check_s: float = 60.0         # how often an instance looks whether a fetch is due
    enrichment_rates_timeout_s: float = 30.0       # the download
