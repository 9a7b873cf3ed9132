"""WL-13 rules: only a technical error of a passing cause, not already being read again, on an untouched proposal."""
import uuid

import pytest

from worklist.domain.records import Failure
from worklist.domain.reprocess import REFUSALS, recognition_view, refusal


def proposal(status="technical_error", version=1):
    return {"status": status, "version": version}


def failure(code="timeout", pending=None):
    return Failure(uuid.uuid4(), uuid.uuid4(), code, uuid.uuid4(), reprocess_request_id=pending)


@pytest.mark.parametrize("code", ["timeout", "memory_limit", "crashed", "storage_unavailable"])
def test_passing_causes_may_be_reprocessed(code):
    assert refusal(proposal(), failure(code)) is None
    assert recognition_view(proposal(), failure(code)) == {"error_code": code, "reprocessing": False,
                                                           "reprocessable": True}


@pytest.mark.parametrize("row, fail, code", [
    (proposal(), failure("unreadable"), "not_passing"),
    (proposal(), failure("limit_exceeded"), "not_passing"),
    (proposal(), failure("empty_file"), "not_passing"),
    (proposal(), failure("original_missing"), "not_passing"),
    (proposal(), failure("unknown"), "not_passing"),
    (proposal(), None, "reason_unknown"),
    (proposal("unrecognized"), failure(), "not_technical_error"),
    (proposal("complete"), None, "not_technical_error"),
    (proposal(), failure(pending=uuid.uuid4()), "already_reprocessing"),
    (proposal(version=2), failure(), "edited"),
])
def test_refusals(row, fail, code):
    assert refusal(row, fail) == code and code in REFUSALS


def test_a_pending_request_shows_reprocessing_and_a_read_document_nothing():
    assert recognition_view(proposal(), failure(pending=uuid.uuid4()))["reprocessing"] is True
    assert recognition_view(proposal("complete"), failure()) is None
    assert recognition_view(proposal(), None) is None
