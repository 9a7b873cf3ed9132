"""Settings of the office service: token lifetimes, lock-out, links and inbound mail (BF_OFFICE_* env)."""
from __future__ import annotations

from runtime.config import Settings


class OfficeSettings(Settings):
    """The frozen settings of the office service, read once from the environment."""

    service: str = "office"
    office_access_ttl_s: int = 900
    office_api_token_ttl_s: int = 900
    office_refresh_ttl_days: int = 30
    office_reset_ttl_hours: int = 24
    office_welcome_ttl_days: int = 7
    office_lockout_threshold: int = 5
    office_lockout_base_s: int = 30
    office_lockout_max_s: int = 900
    office_signing_key_rotation_days: int = 30
    office_inbound_mail_domain: str = "in.bookingfactory.localhost"
    office_password_min_length: int = 10
