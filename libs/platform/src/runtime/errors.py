"""Errors the runtime tells apart when applying a message."""


class PermanentError(Exception):
    """The message can never be applied as it is (bad content, broken rule): dead-letter it at once."""


# Failures of the infrastructure, not of the message: the message is kept and retried
# later instead of being dead-lettered, so an outage loses nothing (runtime.outage tells them apart).
def is_infrastructure_error(exc: BaseException) -> bool:
    """True for a passing outage of a dependency (database, object store or broker unreachable)."""
    from runtime.outage import is_outage  # local: keep this module importable without drivers

    return is_outage(exc)
