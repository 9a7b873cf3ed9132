"""Sample params per template key: an office's template is rendered with them before it is saved (COM-5).

They are the params each producer sends plus what notify adds (see domain.params), so a template that
renders with them renders with a real request too.
"""
from __future__ import annotations

_ADDED = {"recipient_name": "Anna Peeters", "portal_link": "https://portal.example/?office=demo"}
_ACCOUNT = {"office_name": "Fiduciaire Demo", "portal_name": "Demo portal", "office_slug": "demo",
            "user_name": "Anna Peeters", "email": "anna@example.be", "link_token": "sample-token",
            "link_path": "/reset-password?token=sample-token", "expires_at": "2026-01-31T12:00:00+00:00",
            "link": "https://portal.example/reset-password?token=sample-token&office=demo",
            "expires": "2026-01-31 12:00 UTC"}

SAMPLES: dict[str, dict[str, str]] = {
    "user.welcome": {**_ADDED, **_ACCOUNT},
    "user.password_reset": {**_ADDED, **_ACCOUNT},
    "dossier.updated": {**_ADDED, "dossier": "Bakkerij Janssens BV", "dossier_name": "Bakkerij Janssens BV",
                        "updated_up_to": "2026-01-31"},
    "worklist.question": {**_ADDED, "dossier_name": "Bakkerij Janssens BV", "question": "Is this a private expense?",
                          "invoice_number": "F2026-001", "counterparty": "Proximus NV", "asked_by": "Jan Claes",
                          "proposal_id": "00000000-0000-0000-0000-000000000001",
                          "document_id": "00000000-0000-0000-0000-000000000002"},
    "conversation.message": {**_ADDED, "dossier_name": "Bakkerij Janssens BV", "subject": "F2026-001 · Proximus NV",
                             "author_name": "Anna Peeters", "text": "Yes, it is a private expense.",
                             "link_path": "/dossiers/00000000-0000-0000-0000-000000000003/messages/"
                                          "00000000-0000-0000-0000-000000000004",
                             "link": "https://portal.example/dossiers/00000000-0000-0000-0000-000000000003/messages/"
                                     "00000000-0000-0000-0000-000000000004"},
    "payment.approved": {**_ADDED, "dossier_name": "Bakkerij Janssens BV",
                         "payment_id": "00000000-0000-0000-0000-000000000005", "creditor": "Proximus NV",
                         "amount": "1234.50", "currency": "EUR", "method": "sepa",
                         "communication": "+++090/9337/55493+++", "execution_date": "2026-02-02",
                         "link_path": "/dossiers/00000000-0000-0000-0000-000000000003/payments/"
                                      "00000000-0000-0000-0000-000000000005",
                         "link": "https://portal.example/dossiers/00000000-0000-0000-0000-000000000003/payments/"
                                 "00000000-0000-0000-0000-000000000005"},
    "sync.needs_support": {**_ADDED, "dossier": "Bakkerij Janssens BV", "dossier_name": "Bakkerij Janssens BV",
                           "instruction": "The accounting software refused: bad journal. Support should look at it.",
                           "instruction_code": "SoftwareRefused", "reason": "bad journal",
                           "link_path": "/dossiers/00000000-0000-0000-0000-000000000003/sync",
                           "link": "https://portal.example/dossiers/00000000-0000-0000-0000-000000000003/sync"},
}


def sample_params(key: str) -> dict[str, str]:
    """The sample params of `key` (the shared ones for a key without its own)."""
    return dict(SAMPLES.get(key, _ADDED))
