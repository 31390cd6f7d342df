"""scripts/check_catalogue.py fails when two apps translate the same (context, msgid) differently: Django merges the
apps' catalogues into one table where the first app in INSTALLED_APPS wins, so the other app's page would show the
winner's wording. Run the check's function on tiny catalogues so it cannot silently stop working."""

import importlib.util
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_catalogue", ROOT / "scripts" / "check_catalogue.py")
check_catalogue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_catalogue)

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalogue(tmp_path: Path, name: str, body: str) -> polib.POFile:
    path = tmp_path / f"{name}.po"
    path.write_text(HEADER + body, encoding="utf-8")
    return polib.pofile(str(path))


def test_two_apps_translating_a_msgid_differently_fail_naming_the_msgid_and_the_apps(tmp_path):
    notifications = catalogue(
        tmp_path, "notifications", 'msgid "Open"\nmsgstr "未办结"\n\nmsgid "Title"\nmsgstr "标题"\n'
    )
    patents = catalogue(tmp_path, "patents", 'msgid "Open"\nmsgstr "查看"\n\nmsgid "Title"\nmsgstr "标题"\n')

    lines = check_catalogue.conflicts({"notifications": notifications, "patents": patents})

    assert len(lines) == 1
    assert "'Open'" in lines[0]
    assert "notifications: 未办结" in lines[0] and "patents: 查看" in lines[0]
    assert "every page shows notifications's 未办结" in lines[0]


def test_same_wording_or_distinct_contexts_pass(tmp_path):
    notifications = catalogue(tmp_path, "notifications", 'msgid "Open"\nmsgstr "未办结"\n')
    patents = catalogue(
        tmp_path,
        "patents",
        'msgid "Open"\nmsgstr "未办结"\n\nmsgctxt "link"\nmsgid "Open"\nmsgstr "查看"\n\n'
        '#, fuzzy\nmsgid "Title"\nmsgstr "名称"\n',
    )
    centers = catalogue(tmp_path, "centers", 'msgid "Title"\nmsgstr "标题"\n\nmsgid "Open"\nmsgstr ""\n')

    assert check_catalogue.conflicts({"notifications": notifications, "patents": patents, "centers": centers}) == []


def test_a_context_is_named_and_the_first_app_in_installed_apps_order_is_the_winner(tmp_path):
    a = catalogue(tmp_path, "a", 'msgctxt "time"\nmsgid "Created"\nmsgstr "创建时间"\n')
    b = catalogue(tmp_path, "b", 'msgctxt "time"\nmsgid "Created"\nmsgstr "创建"\n')

    (line,) = check_catalogue.conflicts({"b": b, "a": a})

    assert "'Created' (context 'time')" in line and "every page shows b's 创建" in line
    order = check_catalogue.app_order()
    assert order[0] == "core" and order.index("notifications") < order.index("patents")
    assert next(iter(check_catalogue.catalogues_in_order())) == "core"


def test_djangos_own_catalogue_does_not_override_the_apps_wording():
    """Django's contrib catalogue comes after the apps' but before nothing else: a word the apps translate and
    Django also ships reads as the apps say (apps/core/django_messages.py), not as Django's 电子邮件 / 禁用 / 有效."""
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Email") == "电子邮箱"
        assert translation.gettext("Disabled") == "已停用"
        assert translation.gettext("active") == "启用"
