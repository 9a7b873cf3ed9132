"""payments' settings: the platform's (BF_*); payments reads no setting of its own yet."""
from __future__ import annotations

from runtime.config import Settings


class PaymentsSettings(Settings):
    """What payments is configured with (database, Kafka, the S3 bucket of the SEPA files, tokens:
    runtime.config.Settings)."""
