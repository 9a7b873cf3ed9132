"""An approved payment as the connector recorded it in the accounting software (issue 17 item 1): once per
payment id, with what became of it there."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

RECORDED, NO_BOOKING, REFUSED, CANCELLED, SUCCEEDED = "recorded", "no_booking", "refused", "cancelled", "succeeded"
_PREFIX = "payment:"


def software_reference(payment: int) -> str:
    """How a payment of the software is referred to in a record (``payment:<id>``)."""
    return f"{_PREFIX}{payment}"


@dataclass(frozen=True)
class PaymentRecord:
    """One row of ``payment_records``: the state (recorded, no_booking, refused, cancelled, succeeded), the
    software's payment when one was recorded, and why it was not (or could not be taken back)."""

    payment_id: UUID
    dossier_id: UUID
    document_id: UUID | None
    state: str
    software_reference: str | None
    error_reason: str | None
    recorded_at: datetime
    outcome_at: datetime | None

    @property
    def software_payment(self) -> int | None:
        """The payment's id in the software (None when nothing was recorded there)."""
        if not self.software_reference:
            return None
        return int(self.software_reference.split(":", 1)[1])
