"""Portal tests: the test helpers (portal_testkit) importable, a seeded fake office per test."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from portal_testkit.office_app import build_fake_office  # noqa: E402
from portal_testkit.office_state import FakeOffice, seeded  # noqa: E402
from portal_testkit.notify_fake import FakeNotify, build_fake_notify  # noqa: E402
from portal_testkit.payments_fake import FakePayments, build_fake_payments  # noqa: E402
from portal_testkit.reporting_fake import FakeReporting, build_fake_reporting  # noqa: E402
from portal_testkit.worklist_fake import FakeWorklist, build_fake_worklist  # noqa: E402


@pytest.fixture
def fake() -> FakeOffice:
    return seeded()


@pytest.fixture
def office_app(fake):
    return build_fake_office(fake)


@pytest.fixture
def worklist(fake) -> FakeWorklist:
    return FakeWorklist(fake)


@pytest.fixture
def worklist_app(worklist):
    return build_fake_worklist(worklist)


@pytest.fixture
def notify(fake) -> FakeNotify:
    return FakeNotify(fake)


@pytest.fixture
def notify_app(notify):
    return build_fake_notify(notify)


@pytest.fixture
def payments(fake) -> FakePayments:
    return FakePayments(fake)


@pytest.fixture
def payments_app(payments):
    return build_fake_payments(payments)


@pytest.fixture
def reporting(fake) -> FakeReporting:
    return FakeReporting(fake)


@pytest.fixture
def reporting_app(reporting):
    return build_fake_reporting(reporting)
