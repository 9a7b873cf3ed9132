"""Errors the runtime tells apart when applying a message."""


class PermanentError(Exception):
    """The message can never be applied as it is (bad content, broken rule): dead-letter it at once."""


# Failures of the infrastructure, not of the message: the message is kept and retried
# later instead of being dead-lettered, so a database outage loses nothing.
def is_infrastructure_error(exc: BaseException) -> bool:
    """True for connection-level failures (database or broker unreachable)."""
    import asyncpg  # local: keep this module importable without drivers

    infra = (
        OSError,
        ConnectionError,
        asyncpg.PostgresConnectionError,
        asyncpg.InterfaceError,
        asyncpg.CannotConnectNowError,
        asyncpg.TooManyConnectionsError,
    )
    return isinstance(exc, infra)
