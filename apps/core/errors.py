"""Domain errors: services raise these with a translated message; views show the message and change nothing."""


def join_messages(parts, separator: str = "；") -> str:
    """Sentences joined into one message: “a；b。” — the closing “。” of every part but the last is dropped before
    joining (never “。；”)."""
    texts = [text for text in (str(part).strip() for part in parts) if text]
    return separator.join([text.rstrip("。").rstrip() for text in texts[:-1]] + texts[-1:])


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


def full_clean(obj, exclude=None) -> None:
    """A model's own validation (`obj.full_clean`) as one DomainError, “label：error；label：error” (the view shows it;
    nothing is saved)."""
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        parts = []
        for field, errors in exc.message_dict.items():
            label = obj._meta.get_field(field).verbose_name if field != "__all__" else ""
            parts.append(f"{label}：{join_messages(errors)}" if label else join_messages(errors))
        raise DomainError(join_messages(parts)) from exc
