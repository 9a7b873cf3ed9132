"""COM-6 delivery retries (bounded exponential backoff) and COM-5 validation of an office's template."""
from __future__ import annotations

from datetime import timedelta

import pytest

from notify.adapters.smtp import Attachment, build_message
from notify.domain.backoff import MAX_ATTEMPTS, gives_up, retry_delay
from notify.domain.errors import TemplateProblem, UnknownTemplate
from notify.domain.rendering import Template
from notify.handlers.templates import validate


def test_backoff_doubles_from_30_seconds_up_to_two_hours_and_stops_after_8_attempts():
    """COM-6: a mail that cannot be delivered is retried later and later, not forever."""
    delays = [retry_delay(n) for n in range(1, 10)]
    assert delays[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert max(delays) == timedelta(hours=2) and delays[-1] == timedelta(hours=2)
    assert MAX_ATTEMPTS == 8 and not gives_up(7) and gives_up(8)
    with pytest.raises(ValueError):
        retry_delay(0)


def test_an_override_is_rendered_with_sample_params_before_saving():
    """COM-5: a valid office template renders; the preview shows it filled."""
    out = validate("user.welcome", "nl", Template("Welkom {{ user_name }}", "Link: {{ link }}"))
    assert out.subject == "Welkom Anna Peeters" and "https://" in out.body


@pytest.mark.parametrize("template, problem", [
    (Template("Hi", "{{ lnik }}"), "lnik"),                      # typo in a placeholder
    (Template("Hi", "{% if x %}"), "syntax error"),
    (Template("{{ ''.__class__ }}", "b"), "not allowed"),
    (Template("Hi", "   "), "renders empty"),
])
def test_an_invalid_override_is_refused_naming_the_problem(template, problem):
    """COM-5: the office admin is told what is wrong (and which placeholders exist)."""
    with pytest.raises(TemplateProblem, match=problem) as caught:
        validate("user.welcome", "nl", template)
    if problem == "lnik":
        assert "link" in caught.value.message and "office_name" in caught.value.message


def test_only_standard_keys_and_languages_can_be_overridden():
    with pytest.raises(UnknownTemplate, match="no standard template"):
        validate("marketing.spam", "nl", Template("a", "b"))
    with pytest.raises(UnknownTemplate, match="language"):
        validate("user.welcome", "es", Template("a", "b"))


def test_the_message_has_a_stable_message_id_the_sender_and_the_attachment():
    """COM-6: From is the configured sender; Message-ID derives from the mail id (a resend is recognisable)."""
    mail = {"id": "abc", "to_address": "a@x.be", "to_name": "Anna", "subject": "S", "body": "B", "html": "<p>B</p>"}
    msg = build_message(mail, "Booking factory <no-reply@bf.test>", [Attachment("f.pdf", "application/pdf", b"%PDF")])
    assert msg["Message-ID"] == "<abc@bf.test>" and msg["From"] == "Booking factory <no-reply@bf.test>"
    assert msg["To"] == "Anna <a@x.be>"
    [part] = list(msg.iter_attachments())
    assert part.get_filename() == "f.pdf" and part.get_content() == b"%PDF"
    assert msg.get_body(("html",)).get_content().strip() == "<p>B</p>"
