"""The errors of recognition: why a document could not be read."""


class RecognitionError(Exception):
    """Base of every recognition failure; its message is the reason shown to people."""


class UnreadableDocument(RecognitionError):
    """The file is corrupt, encrypted, of an unknown kind or hostile (DOCTYPE, entities)."""


class LimitExceeded(RecognitionError):
    """The file exceeds a limit: pages, pixels, size, time or memory."""
