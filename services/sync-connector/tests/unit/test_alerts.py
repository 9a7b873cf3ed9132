"""ACT-3: the support team is alerted once per incident — when the sync status becomes needs_support — and only
those the permission matrix grants support.alerts.receive are mailed."""
from __future__ import annotations

from sync_connector.domain.alerts import opens_incident, recipients
from sync_connector.domain.status import OK, after_rejection, after_unavailable

DOWN = after_unavailable("local", "connection refused")
REFUSED = after_rejection("Mystery", "the server exploded")
FIXABLE = after_rejection("ClosedPeriod", "period 2026-01 is closed")


def test_an_incident_opens_when_the_status_becomes_needs_support():
    assert opens_incident("ok", DOWN) and opens_incident("needs_collaborator", REFUSED)
    assert opens_incident(None, DOWN)  # the first status ever recorded


def test_retries_of_the_same_incident_alert_nobody_and_a_recovery_rearms_it():
    statuses = ["ok", DOWN, DOWN, REFUSED, OK, FIXABLE, DOWN, DOWN]
    alerts, before = [], statuses[0]
    for verdict in statuses[1:]:
        alerts.append(opens_incident(before, verdict))
        before = verdict.status
    assert alerts == [True, False, False, False, False, True, False]


def test_ok_and_the_collaborators_statuses_open_no_incident():
    assert not opens_incident("needs_support", OK) and not opens_incident("ok", FIXABLE)


def test_the_alert_goes_to_admins_and_support_not_to_collaborators():
    people = [{"email": "sara@office.be", "name": "Sara", "role": "support", "language": "fr"},
              {"email": "Ann@office.be", "name": "Ann", "role": "admin", "language": "nl"},
              {"email": "carl@office.be", "name": "Carl", "role": "collaborator", "language": "de"},
              {"email": "ann@office.be", "name": "Ann again", "role": "support", "language": "nl"},
              {"email": "", "name": "No address", "role": "support", "language": "en"},
              {"email": "x@office.be", "name": "Unknown role", "role": "intern", "language": "en"}]
    assert [(p.email, p.language) for p in recipients(people)] == [("Ann@office.be", "nl"), ("sara@office.be", "fr")]
