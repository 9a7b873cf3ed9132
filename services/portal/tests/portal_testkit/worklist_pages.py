"""Helpers of the worklist page tests: the seeded fake office's dossiers, the fake office app, and the annotation
form's values as a browser would send them."""
from __future__ import annotations

import re

from portal_testkit.office_app import build_fake_office


def bakery_of(fake) -> str:
    return next(d for d, v in fake.dossiers.items() if v["name"] == "Bakery Janssens")


def garage_of(fake) -> str:
    return next(d for d, v in fake.dossiers.items() if v["name"] == "Garage Dubois")


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-proposal="([^"]+)"', html)


def fake_office_app(fake):
    return build_fake_office(fake)


def form_values(html: str) -> dict[str, str]:
    """The annotation form's inputs and selected options as a browser would send them."""
    form = html[html.index('id="annotation"'):html.index("</form>", html.index('id="annotation"'))]
    values: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', form):
        values[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body) or re.search(r'<option selected>([^<]*)', body)
        values[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[name] = body
    for name in [n for n in values if n.endswith(".deleted")]:
        del values[name]
    return {k: v.replace("&#39;", "'").replace("&amp;", "&") for k, v in values.items()}
