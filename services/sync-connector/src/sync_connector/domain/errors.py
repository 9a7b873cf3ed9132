"""The errors of the sync-connector, told apart by what the caller does with them."""


class SyncError(Exception):
    """Base of the sync-connector's own errors."""


class SoftwareUnavailable(SyncError, ConnectionError):
    """The accounting software cannot be reached or is busy: retry later, never dead-letter.

    A ConnectionError, so the runtime consumer keeps the message and redelivers it.
    """


class SoftwareRejected(SyncError):
    """The accounting software refused the request (closed period, unknown account, locked year):
    a readable reason goes back on ledger.synced; retrying does not help."""

    def __init__(self, reason: str, *, kind: str = "UserError") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


class DossierNotFound(SyncError):
    """The dossier code names no dossier in that installation of the accounting software."""


class UnknownSoftware(SyncError):
    """No adapter for this accounting software or installation."""
