"""Issue 13 §6: every message a user can see comes through the catalogue — never an exception's own text.

The instance reported: "审计日志链在第 21 条处断裂：content does not match its hash。" (the English reason inside
the Chinese sentence; every chain failure is walked in apps/audit/tests/test_head_and_anchor.py). Here:
- a walk of the source: in every `except … as exc` handler of every app, the exception reaches nothing a user sees
  (a DomainError, a page, a flash message, a form error, the inbox, a command's error) except through `exc.message`
  (a DomainError's message, translated where it was raised) or a Django ValidationError's messages;
- those ValidationError paths, walked with the values that make them fail: every password rule and model
  validation, said in Chinese;
- the 403 page, which shows a refusal's reason only when it comes from the catalogue."""

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone, translation

from apps.accounts import services
from apps.accounts.tests.factories import PASSWORD, UserFactory
from apps.core.errors import DomainError
from apps.core.errorviews import permission_denied

APPS = Path(__file__).resolve().parent.parent / "apps"
# Calls whose arguments a user reads.
SINKS = {
    "DomainError",
    "PermissionDenied",
    "InvalidTransition",
    "ConcurrentChange",
    "ValidationError",
    "CommandError",
    "add_error",
    "error",
    "warning",
    "info",
    "success",
    "notify",
    "render",
    "HttpResponse",
    "HttpResponseBadRequest",
}
# How an exception may reach a user: its translated message, or a ValidationError's (walked below).
ALLOWED_ATTRIBUTES = {"message", "messages", "message_dict", "error_dict", "error_list", "code"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _call_name(node):
    func = node.func
    if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") in ("logger", "log", "logging"):
        return ""  # the server's log is for operators, not users
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _catches_validation_error(handler) -> bool:
    """`except ValidationError as exc: form.add_error(field, exc)` hands over the error's own messages (Django's
    and the validators' translations: walked below)."""
    return "ValidationError" in ast.unparse(handler.type) if handler.type is not None else False


def _raw_uses(node, name):
    """Places in `node` where the exception `name` is used other than through an allowed attribute."""
    parents = {child: parent for parent in ast.walk(node) for child in ast.iter_child_nodes(parent)}
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id == name:
            parent = parents.get(sub)
            if isinstance(parent, ast.Attribute) and parent.attr in ALLOWED_ATTRIBUTES:
                continue
            yield sub


def exception_texts_shown() -> list[str]:
    found = []
    for path in sorted(APPS.rglob("*.py")):
        parts = path.relative_to(APPS).parts
        if "tests" in parts or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for handler in ast.walk(tree):
            if not isinstance(handler, ast.ExceptHandler) or not handler.name:
                continue
            if _catches_validation_error(handler):
                continue
            tainted = {handler.name}
            for statement in handler.body:  # `problem = str(exc)` carries the exception's text on
                for sub in ast.walk(statement):
                    if isinstance(sub, ast.Assign) and any(True for _ in _raw_uses(sub.value, handler.name)):
                        tainted |= {t.id for t in sub.targets if isinstance(t, ast.Name)}
            for sub in ast.walk(handler):
                if isinstance(sub, ast.Call) and _call_name(sub) in SINKS:
                    arguments = [*sub.args, *(k.value for k in sub.keywords)]
                    for name in tainted:
                        if any(any(True for _ in _raw_uses(a, name)) for a in arguments):
                            found.append(f"{path.relative_to(APPS.parent)}:{sub.lineno} {_call_name(sub)}({name})")
    return found


def test_no_exception_text_reaches_a_user():
    assert exception_texts_shown() == []


def test_the_walk_finds_what_it_looks_for(tmp_path):
    """The walk itself: the reported kind of code is found."""
    sample = tmp_path / "apps" / "sample"
    sample.mkdir(parents=True)
    (sample / "views.py").write_text(
        "def view(request):\n"
        "    try:\n        pass\n"
        "    except ValueError as exc:\n"
        "        problem = str(exc)\n"
        "        messages.error(request, problem)\n"
        "        logger.error('%s', exc)\n"
        "    except KeyError as exc:\n"
        "        raise DomainError(f'bad: {exc}') from exc\n"
        "    except DomainError as exc:\n"
        "        form.add_error(None, exc.message)\n",
        encoding="utf-8",
    )
    global APPS
    saved, APPS = APPS, tmp_path / "apps"
    try:
        found = exception_texts_shown()
    finally:
        APPS = saved
    assert [f.split(" ")[1] for f in found] == ["error(problem)", "DomainError(exc)"]


# ---------------------------------------------------------------- ValidationError paths, walked
def _chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not ENGLISH_WORD.search(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "new_password",
    [
        "Ab1!x",  # too short
        "abcdefghijkl",  # one class of characters
        "{username}",  # the username
        "{email}",  # too similar to the e-mail
        "Password123",  # common
        PASSWORD,  # one of the last five
    ],
    ids=["short", "classes", "username", "similar", "common", "history"],
)
def test_every_password_rule_refuses_in_chinese(new_password):
    user = UserFactory(username="Zhangwei2026x", email="Zhangwei2026x@example.cn")
    new_password = new_password.format(username=user.username, email=user.email)
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        services.change_password(user, PASSWORD, new_password)
    message = str(refused.value.message)
    assert _chinese(message.replace(user.username, "").replace(user.email, "")), message


@pytest.mark.django_db
def test_model_validation_messages_are_in_chinese():
    from apps.core.models import PeriodicJob

    job = PeriodicJob(name="x" * 500, next_run_at=timezone.now())
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        job.full_clean()
    for messages in refused.value.message_dict.values():
        for message in messages:
            assert _chinese(message), message


# ---------------------------------------------------------------- the 403 page
@pytest.mark.django_db
def test_a_librarys_english_refusal_never_reaches_the_403_page(rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("zh-hans"):
        english = permission_denied(request, PermissionDenied("CSRF token missing or incorrect.")).content.decode()
        ours = permission_denied(request, PermissionDenied("只有审计管理员可以查看审计日志。")).content.decode()
        general = translation.gettext("You do not have permission for this page or action.")
    assert "CSRF token" not in english and general in english and _chinese(general)
    assert "只有审计管理员可以查看审计日志。" in ours and general not in ours
