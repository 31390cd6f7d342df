"""A dismissed early warning reads 已解除 (released), never 已忽略 / 已被忽略 (ignored): the office has looked at it and
lifted it with a reason, it has not ignored it (issue 21 polish)."""

from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext, pgettext

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_a_dismissed_flag_is_shown_as_released():
    with translation.override("zh-hans"):
        assert pgettext("flag state", "Dismissed") == "已解除"
        assert gettext("This center's KPI early warning was dismissed.") == "本中心的指标预警已解除。"
        assert gettext("Dismiss the warning") == "解除预警"


def test_no_wording_of_the_warnings_says_ignored():
    ignored = [entry.msgid for entry in polib.pofile(str(CATALOGUE)) if "忽略" in entry.msgstr]
    assert not ignored, ignored
