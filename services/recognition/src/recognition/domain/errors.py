"""The errors of recognition: why a document could not be read."""


class RecognitionError(Exception):
    """Base of every recognition failure; its message is the reason, its code the kind (document.recognized
    error_code: only passing kinds are offered for reprocessing, WL-13)."""

    code = "unreadable"


class UnreadableDocument(RecognitionError):
    """The file is corrupt, encrypted, of an unknown kind or hostile (DOCTYPE, entities)."""


class LimitExceeded(RecognitionError):
    """The file exceeds a limit: pages, pixels, size, time or memory."""

    code = "limit_exceeded"


class TimeLimitExceeded(LimitExceeded):
    """Reading took longer than allowed: may pass on a less busy machine."""

    code = "timeout"
