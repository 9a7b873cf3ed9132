"""WL-1 list parameters: filters, 3-state sort and paging, bad values named."""
from datetime import date

import pytest

from worklist.domain.errors import Invalid
from worklist.domain.listing import DEFAULT_STATUSES, parse


def test_defaults_hide_booked_and_sort_in_the_third_state():
    query = parse("purchases", {})
    assert query.sort is None and "booked" not in query.statuses and query.statuses == DEFAULT_STATUSES
    assert (query.page, query.per_page) == (1, 50)


def test_filters_and_sort_are_read():
    query = parse("sales", {"status": "checked,validated", "q": " Dupont ", "sort": "gross", "order": "desc",
                            "date_from": "2025-01-01", "help": "true", "per_page": "200"})
    assert query.statuses == ("checked", "validated") and query.q == "dupont" and query.descending
    assert query.date_from == date(2025, 1, 1) and query.help and query.per_page == 200


def test_every_bad_parameter_is_named():
    with pytest.raises(Invalid) as caught:
        parse("bank", {"status": "lost", "sort": "colour", "order": "up", "page": "0", "min_gross": "x",
                       "date_to": "tomorrow", "help": "maybe"})
    assert {p.field for p in caught.value.fields} == {"list", "status", "sort", "order", "page", "min_gross",
                                                      "date_to", "help"}


def test_bad_values_are_named_but_not_echoed():
    """Issue 13 item 1: the refused text never comes back in a message (a page showing it would carry markup)."""
    hostile = '<form hx-post="/office/collaborators">'
    with pytest.raises(Invalid) as caught:
        parse("purchases", {"status": hostile, "date_from": hostile, "min_gross": hostile})
    assert {p.field for p in caught.value.fields} == {"status", "date_from", "min_gross"}
    assert all("<form" not in p.message and "hx-post" not in p.message for p in caught.value.fields)
