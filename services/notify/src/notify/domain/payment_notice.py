"""An approved payment told to those who must execute it (issue 17 item 1, PAY-3, PAY-4): payment.approved becomes
a notification request of template ``payment.approved``, carried out like any other (pending until the dossier is
replicated, each addressee in their own language, mails queued once).

The request's id is derived from the payment's, so a payment approved event published again (a new event id)
queues no second mail: the outgoing queue is unique per request and address.

Who made the payment executable by their own act — the initiator who approved it (PAY-9: their request counted as
their approval, or no approval was needed) — is named in ``acted_by`` and not told (issue 17 item 4): the notice
is addressed to whoever must execute it. The link names the office's portal (``office_slug``), as the office's own
mails do, when notify knows it.
"""
from __future__ import annotations

import uuid

from contracts.events.notifications import NotificationRequested, Recipient
from contracts.events.payments import PaymentApproved

TEMPLATE = "payment.approved"
_NAMESPACE = uuid.UUID("5d3c8f5e-6b0e-4a57-9a3e-2f1c8a9b7e41")


def request_id(payment_id: uuid.UUID) -> uuid.UUID:
    """The id of the one notification an approved payment gives."""
    return uuid.uuid5(_NAMESPACE, f"{TEMPLATE}:{payment_id}")


def acted_by(event: PaymentApproved) -> set[str]:
    """The users whose own act made the payment executable: the initiator when they approved it or none was needed."""
    approvers = {a.user_id for a in event.approvers}
    return {str(event.initiated_by)} if event.approval_rule_id is None or event.initiated_by in approvers else set()


def approved_request(event: PaymentApproved, office_slug: str | None = None) -> NotificationRequested:
    """The request telling the dossier's users allowed to execute payments (runtime.auth.matrix ``payment.execute``,
    see domain.audience.ACTING_TEMPLATES) that this payment waits for them. The amount is a plain decimal
    ("1234.50"): each language's template writes it its own way."""
    return NotificationRequested(
        event_id=request_id(event.payment_id), correlation_id=event.correlation_id, office_id=event.office_id,
        dossier_id=event.dossier_id, template=TEMPLATE, recipient=Recipient(), audience="dossier_full_access",
        language="nl",  # unused: each addressee gets their own language
        params={"payment_id": str(event.payment_id), "creditor": event.creditor.name,
                "amount": f"{event.amount:.2f}", "currency": event.currency, "method": event.method,
                "communication": event.communication.text or "",
                "execution_date": event.execution_date.isoformat() if event.execution_date else "",
                "link_path": f"/dossiers/{event.dossier_id}/payments/{event.payment_id}",
                "acted_by": ",".join(sorted(acted_by(event))),
                **({"office_slug": office_slug} if office_slug else {})})
