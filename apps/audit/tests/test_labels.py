"""Every action code the code base records has a readable (Chinese) label: a new code cannot reach the audit
administrator's list raw.

The codes are collected from the source, not listed by hand: the first argument of every `record(...)` call
(`audit.record`, `services.record`, `hooks.recorder().record`) under `apps/` outside tests and migrations — a
literal, either side of a conditional, or a parameter of the enclosing function followed to the literals its
callers in the module pass — and every workflow × action of `core.workflow.REGISTRY` (the engine records
"<workflow>.<action>"). Anything else must be declared in DYNAMIC."""

import ast
import importlib
import pathlib

import pytest
from django.utils import translation

from apps.audit.labels import action_label

APPS = pathlib.Path(__file__).resolve().parents[2]


def _sources():
    for path in sorted(APPS.rglob("*.py")):
        parts = path.relative_to(APPS).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _calls(tree, name):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called == name:
                yield node


def _clock_words() -> set[str]:
    """`core.clock._store(new_days, actor, "advance")` records "clock.<word>": the words passed to `_store`."""
    tree = ast.parse((APPS / "core" / "clock.py").read_text(encoding="utf-8"))
    words = set()
    for call in _calls(tree, "_store"):
        word = call.args[-1] if call.args else None
        assert isinstance(word, ast.Constant) and isinstance(word.value, str), ast.unparse(call)
        words.add(word.value)
    return words


def _workflow_codes() -> set[str]:
    from apps.core.workflow import REGISTRY

    for path in sorted(APPS.glob("*/workflow.py")):
        importlib.import_module(f"apps.{path.parent.name}.workflow")
    return {f"{workflow.name}.{action}" for workflow in REGISTRY.values() for action in workflow.transitions}


# A code built at run time must say here where its values come from; any other non-literal code fails the test.
DYNAMIC = {
    "f'{self.name}.{action}'": lambda: _workflow_codes(),
    "f'clock.{action_word}'": lambda: {f"clock.{word}" for word in _clock_words()},
}


def _enclosing_function(tree, node):
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node
    return None


def _passed_in(tree, function, parameter) -> list:
    """The arguments given for `parameter` wherever `function` is called in the same module (a helper such as
    `_record_add(expert, "expert.conflict_declare", row)` that records the code it is given)."""
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    position = names.index(parameter) if parameter in names else None
    found = []
    for call in _calls(tree, function.name):
        keyword = [k.value for k in call.keywords if k.arg == parameter]
        if keyword:
            found.extend(keyword)
        elif position is not None and position < len(call.args):
            found.append(call.args[position])
    return found


def _codes(argument, where, tree=None, call=None) -> set[str]:
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return {argument.value}
    if isinstance(argument, ast.IfExp):
        return _codes(argument.body, where, tree, call) | _codes(argument.orelse, where, tree, call)
    source = ast.unparse(argument)
    if source in DYNAMIC:
        return DYNAMIC[source]()
    if isinstance(argument, ast.JoinedStr) and isinstance(argument.values[-1], ast.Constant):
        # f"{obj._meta.model_name}.create": the verb, which is all the label looks at, is literal.
        tail = argument.values[-1].value
        if "." in tail:
            return {"any" + tail[tail.rindex(".") :]}
    if isinstance(argument, ast.Name) and tree is not None:
        function = _enclosing_function(tree, call)
        arguments = _passed_in(tree, function, argument.id) if function is not None else []
        if arguments:
            return set().union(*(_codes(a, where, tree, a) for a in arguments))
    pytest.fail(f"{where}: record({source}, …) builds its action code at run time; add it to DYNAMIC in {__file__}")


def recorded_codes() -> dict[str, str]:
    codes = {}
    for path, tree in _sources():
        for call in _calls(tree, "record"):
            if not call.args:
                continue
            if isinstance(call.func, ast.Attribute) and ast.unparse(call.func.value) == "events":
                continue  # a timeline entry (apps.centers.events.record), not the audit trail
            where = f"{path.relative_to(APPS.parent)}:{call.lineno}"
            for code in _codes(call.args[0], where, tree, call):
                codes.setdefault(code, where)
    return codes


def test_the_collector_finds_the_known_kinds_of_code():
    codes = recorded_codes()
    assert {"auth.login", "account.enable", "account.disable", "parameter.update", "calendar_year.confirm"} <= set(
        codes
    )
    assert {"clock.advance", "clock.set", "clock.reset"} <= set(codes)
    assert {"application.recommend", "review.declare_conflict", "call.start_review"} <= set(codes)
    assert {"expert.conflict_declare", "expert.employment_remove"} <= set(codes)  # through a helper's parameter


def test_every_recorded_action_code_has_a_label():
    with translation.override("zh-hans"):
        raw = {code: where for code, where in recorded_codes().items() if action_label(code) == code}
    assert not raw, f"action codes without a label in apps/audit/labels.py: {raw}"


def test_every_label_is_translated():
    from apps.audit.labels import _verbs

    with translation.override("zh-hans"):
        english = {verb: str(label) for verb, label in _verbs().items() if str(label).isascii()}
    assert not english, f"labels without a Chinese translation: {english}"


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("clock.advance", "前移"),
        ("clock.set", "设定日期"),
        ("clock.reset", "恢复真实日期"),
        ("calendar_day.add", "添加"),
        ("calendar_day.remove", "移除"),
        ("calendar_year.confirm", "确认"),
        ("calendar_year.withdraw", "撤回"),
        ("parameter.update", "修改"),
    ],
)
def test_the_codes_of_issue_12_read_in_chinese(code, label):
    with translation.override("zh-hans"):
        assert action_label(code) == label
