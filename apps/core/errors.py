"""Domain errors: services raise these with a translated message; views show the message and change nothing."""


class DomainError(Exception):
    """A business rule refused the action. `message` is user-facing (already translated)."""

    def __init__(self, message, *, code: str = "refused"):
        super().__init__(str(message))
        self.message = message
        self.code = code


class PermissionDenied(DomainError):
    def __init__(self, message, *, code: str = "forbidden"):
        super().__init__(message, code=code)


class InvalidTransition(DomainError):
    """The record's current state does not allow the action (a replayed form, a stale page): nobody raced."""

    def __init__(self, message, *, code: str = "state"):
        super().__init__(message, code=code)


class ConcurrentChange(DomainError):
    """Someone else changed the record first (lost the race for a transition under the row lock)."""

    def __init__(self, message, *, code: str = "conflict"):
        super().__init__(message, code=code)
