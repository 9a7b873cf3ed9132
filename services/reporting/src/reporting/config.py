"""reporting's settings: the platform's (BF_*); reporting reads no setting of its own yet."""
from __future__ import annotations

from runtime.config import Settings


class ReportingSettings(Settings):
    """What reporting is configured with (database, Kafka, tokens: runtime.config.Settings)."""
