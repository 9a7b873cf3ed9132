"""COM-5 templates: the standard ones in four languages with their placeholders, rendered in a strict sandbox."""
from __future__ import annotations

import pytest

from notify.adapters.standard import LANGUAGES, keys, parse, standard
from notify.domain.errors import TemplateProblem
from notify.domain.rendering import Template, render
from notify.domain.samples import sample_params

KEYS = ("conversation.message", "dossier.updated", "payment.approved", "sync.needs_support", "user.password_reset",
        "user.welcome", "worklist.question")


def test_every_standard_key_exists_in_the_four_languages():
    """COM-5, COM-6, issue 17, ACT-3: the seven notifications the platform sends, each in fr, nl, de and en."""
    assert keys() == sorted(KEYS)
    for key in KEYS:
        for language in LANGUAGES:
            assert standard(key, language) is not None, (key, language)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("language", ("fr", "nl", "de", "en"))
def test_each_standard_template_renders_its_placeholders(key, language):
    """COM-5: every standard template renders with its params and the values appear in the text."""
    params = sample_params(key)
    out = render(standard(key, language), params)
    assert out.subject and "\n" not in out.subject
    if key.startswith("user."):
        assert params["link"] in out.body and params["office_name"] in out.body  # OFF-2 set-password link
        assert "sample-token" not in out.subject
    if key == "dossier.updated":
        assert "2026-01-31" in out.body and params["dossier"] in out.subject
    if key == "worklist.question":
        assert params["question"] in out.body and "F2026-001" in out.subject and params["portal_link"] in out.body
    if key == "payment.approved":
        amount = "1234.50" if language == "en" else "1234,50"
        assert amount in out.body and params["link"] in out.body and "Proximus NV" in out.subject
    if key == "sync.needs_support":  # ACT-3: the instruction and the link to the dossier's Synchronisation tab
        assert params["instruction"] in out.body and params["link"] in out.body and params["dossier"] in out.subject


def test_the_languages_differ():
    """COM-6: the user's language, not one text for all."""
    bodies = {lang: render(standard("user.welcome", lang), sample_params("user.welcome")).body for lang in LANGUAGES}
    assert len(set(bodies.values())) == 4
    assert "Bonjour" in bodies["fr"] and "Beste" in bodies["nl"] and "Guten Tag" in bodies["de"]


def test_a_missing_placeholder_is_an_error_not_a_hole():
    """COM-5: StrictUndefined — a placeholder the params lack fails, naming it."""
    params = {k: v for k, v in sample_params("user.welcome").items() if k != "link"}
    with pytest.raises(TemplateProblem, match="link"):
        render(standard("user.welcome", "en"), params)


def test_html_is_autoescaped_and_the_sandbox_blocks_internals():
    """COM-5: an office template cannot inject markup through a param nor reach Python internals."""
    out = render(Template("S", "{{ question }}", "<p>{{ question }}</p>"), {"question": "<script>x</script>"})
    assert out.body == "<script>x</script>" and "&lt;script&gt;" in out.html
    with pytest.raises(TemplateProblem, match="not allowed"):
        render(Template("S", "{{ ''.__class__.__mro__[1].__subclasses__() }}"), {})


def test_the_subject_is_one_line():
    """A param with a newline cannot add mail headers through the subject."""
    out = render(Template("Hi {{ n }}", "b"), {"n": "x\nBcc: evil@example.com"})
    assert out.subject == "Hi x Bcc: evil@example.com"


def test_a_template_file_needs_its_subject_line():
    assert parse("Subject: Hi\n\nBody\n").subject == "Hi"
    with pytest.raises(ValueError):
        parse("Hi\nBody")
