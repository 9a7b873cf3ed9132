"""The Templates page's knowledge of notify's mails (COM-5): every standard mail notify ships has a purpose here,
and the placeholders listed for it are exactly those notify renders it with (its samples), so the page neither
offers a placeholder notify refuses nor hides one it fills."""
from __future__ import annotations

import pytest

from portal.domain.mail_templates import MAIL_TEMPLATES, grid, placeholders, purpose

samples = pytest.importorskip("notify.domain.samples", reason="notify is installed beside the portal in the venv")
standard = pytest.importorskip("notify.adapters.standard")


def test_every_standard_mail_of_notify_is_known():
    assert set(standard.keys()) == set(MAIL_TEMPLATES)


@pytest.mark.parametrize("key", sorted(MAIL_TEMPLATES))
def test_the_placeholders_listed_are_notifys(key):
    assert set(placeholders(key)) == set(samples.sample_params(key))


def test_an_unknown_key_has_no_placeholders_and_its_key_as_purpose():
    assert placeholders("no.such") == () and purpose("no.such") == "no.such"


def test_the_grid_has_one_row_per_key_in_the_pages_order():
    rows = [{"key": k, "language": lang, "source": "standard"} for k in ("zz.new", "user.welcome")
            for lang in ("nl", "fr")]
    out = grid(rows)
    assert [r["key"] for r in out] == ["user.welcome", "zz.new"]
    assert set(out[0]["languages"]) == {"nl", "fr"} and out[1]["purpose"] == "zz.new"
