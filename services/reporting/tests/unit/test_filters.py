"""REP-3, REP-4, REP-5: filter validation names the parameter at fault."""
from __future__ import annotations

from datetime import date

import pytest

from reporting.domain.errors import InvalidFilter
from reporting.domain.filters import DateRange, Page, check_year


@pytest.mark.parametrize(("build", "parameter"), [
    (lambda: DateRange(date(2026, 3, 1), date(2026, 2, 1)), "from"),
    (lambda: Page(0, 10), "page"),
    (lambda: Page(1, 0), "page_size"),
    (lambda: Page(1, 201), "page_size"),
    (lambda: check_year(1800), "year"),
])
def test_a_bad_filter_names_its_parameter(build, parameter):
    with pytest.raises(InvalidFilter) as refused:
        build()
    assert refused.value.parameter == parameter


def test_good_filters_pass():
    assert DateRange(date(2026, 1, 1), date(2026, 1, 1)).start == date(2026, 1, 1)
    assert Page(3, 20).offset == 40 and Page(1, 200).size == 200
    assert check_year(2026) == 2026
