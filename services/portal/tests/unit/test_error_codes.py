"""Issue 19 item 4 / issue 15 item 3: every error code a service can answer has a text in NL, FR, DE and EN.

The codes are collected from the services themselves: runtime.http's own codes and the ``code``/``also_codes`` of
every runtime ServiceError class in each service's ``domain/errors.py`` (found by path, so a new service counts
too). A code without a text in ``portal.i18n.error_codes.ERRORS``, or a text missing from a catalog, fails here.
"""
from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from runtime.errors import ServiceError, codes_of
from runtime.http import CODES

from portal import i18n
from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.feedback import field_errors
from portal.i18n.error_codes import ERRORS

SERVICES = Path(__file__).resolve().parents[3]
ERROR_MODULES = sorted(f"{path.parts[-3]}.domain.errors" for path in SERVICES.glob("*/src/*/domain/errors.py"))


def service_codes(module_name: str) -> set[str]:
    module = importlib.import_module(module_name)
    own = [c for c in vars(module).values()
           if inspect.isclass(c) and issubclass(c, ServiceError) and c.__module__ == module.__name__]
    return codes_of(*own)


def every_code() -> dict[str, set[str]]:
    return {"runtime.http": set(CODES), **{name: service_codes(name) for name in ERROR_MODULES}}


def test_the_services_declare_their_codes():
    codes = every_code()
    assert {"ingest.domain.errors", "office.domain.errors", "worklist.domain.errors", "payments.domain.errors",
            "reporting.domain.errors", "notify.domain.errors", "sync_connector.domain.errors"} <= set(codes)
    assert {"unsupported_type", "stale_version", "conversation_closed", "not_linked", "invalid_filter",
            "unbalanced_statement", "invalid_link"} <= set().union(*codes.values())


@pytest.mark.parametrize("source", ["runtime.http", *ERROR_MODULES])
def test_every_code_has_a_text(source):
    assert every_code()[source] - set(ERRORS) == set(), "codes without a text in portal.i18n.error_codes"


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_every_codes_text_is_translated(language):
    catalog = i18n.translations(language)
    assert [code for code, text in ERRORS.items() if catalog.gettext(text) == text] == []


def test_every_codes_text_is_in_the_english_catalog():
    with i18n.po_path("en").open("rb") as handle:
        english = {m.id for m in read_po(handle, locale="en") if m.id}
    assert [code for code, text in ERRORS.items() if text not in english] == []


def test_a_refusal_without_fields_is_said_in_the_readers_language():
    stale = ServiceCallError(409, "stale_version", "the proposal was saved by someone else (version 4)")
    unknown = ServiceCallError(400, "brand_new_code", "as the service said it")
    assert field_errors(stale, (), "nl") == ({}, "Iemand heeft dit voorstel intussen opgeslagen: laad de pagina "
                                                 "opnieuw om de wijzigingen te zien.")
    assert field_errors(unknown, (), "de") == ({}, "as the service said it")
