"""Who sees a conversation and what a question's thread is called (COM-1, WL-6), without servers."""
from __future__ import annotations

import uuid

from notify.domain.conversations import Viewer, excerpt, question_subject, uuid_or_none

ME, OTHER = uuid.uuid4(), uuid.uuid4()


def test_the_office_sees_every_thread_a_client_only_theirs_or_full_access_ones():
    """COM-1 with DOS-4: a thread to all full-access users is hidden from a client user without full access."""
    office, full, limited = Viewer(ME, "office"), Viewer(ME, "client", True), Viewer(ME, "client", False)
    assert office.sees(OTHER) and office.sees(None)
    assert full.sees(ME) and full.sees(None) and not full.sees(OTHER)
    assert limited.sees(ME) and not limited.sees(None) and not limited.sees(OTHER)


def test_a_question_thread_is_named_after_the_invoice_and_counterparty():
    """WL-6: the subject of the question's thread; empty when the document is not recognised yet."""
    assert question_subject({"invoice_number": "F-1", "counterparty": "Proximus"}) == "F-1 · Proximus"
    assert question_subject({"invoice_number": "", "counterparty": "Proximus"}) == "Proximus"
    assert question_subject({}) == ""


def test_params_and_excerpts():
    assert uuid_or_none(str(ME)) == ME and uuid_or_none("nope") is None and uuid_or_none(None) is None
    assert excerpt("short") == "short"
    long = excerpt("word " * 500, limit=100)
    assert len(long) <= 100 and long.endswith("…")
