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


class ConcurrentChange(DomainError):
    """Someone else changed the record first (lost the race for a transition)."""

    def __init__(self, message, *, code: str = "conflict"):
        super().__init__(message, code=code)
