"""WL-13: which documents may be read again — those whose recognition failed for a passing (technical) reason."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.events.recognition import PASSING_ERRORS

from worklist.domain.records import Failure

REFUSALS = {
    "not_technical_error": "the document's recognition did not end in a technical error",
    "reason_unknown": "the reason the recognition failed is not known",
    "not_passing": "the document itself cannot be read (reading it again would fail the same way)",
    "already_reprocessing": "the document is already being read again",
    "edited": "the proposal was changed by hand; a new reading would not replace it",
}
"""Why a proposal is not reprocessed: code -> message (the portal translates the code)."""


def refusal(proposal: Mapping[str, Any], failure: Failure | None) -> str | None:
    """The code of why this proposal may not be reprocessed, or None when it may."""
    if proposal["status"] != "technical_error":
        return "not_technical_error"
    if failure is None:
        return "reason_unknown"
    if failure.reprocess_request_id is not None:
        return "already_reprocessing"
    if failure.error_code not in PASSING_ERRORS:
        return "not_passing"
    if proposal["version"] != 1:
        return "edited"
    return None


def recognition_view(proposal: Mapping[str, Any], failure: Failure | None) -> dict[str, Any] | None:
    """What a list row says about a failed recognition: its code, whether it is being read again, may be."""
    if failure is None or proposal["status"] != "technical_error":
        return None
    return {"error_code": failure.error_code, "reprocessing": failure.reprocess_request_id is not None,
            "reprocessable": refusal(proposal, failure) is None}
