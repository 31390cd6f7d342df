"""`manage.py navigation_analysis` (issue 19, "Scriptable too"): the JSON is run_all's result; bad input is the
Chinese reason on stderr with exit status 2."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from apps.core.errors import DomainError
from apps.navigation import analyses
from apps.navigation import scope as scopes
from apps.navigation.tests.test_analyses import hand_dataset

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("navigation_analysis", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def test_json_equals_run_all(world):
    dataset = hand_dataset(world)
    out, _err, code = run("--dataset", dataset.name, "--ipc", "H01F", "--from", "2019", "--to", "2024", "--json")
    assert code == 0
    expected = analyses.run_all(dataset, scopes.parse({"ipc": "H01F", "year_from": 2019, "year_to": 2024}))
    printed = json.loads(out)
    assert printed == json.loads(json.dumps(expected))
    # the hand-checked figures: 2019–2024 drops 14 (2025) and 15 (no year): 13 records
    assert printed["total"] == 13
    assert printed["trend"]["applications"] == [2, 2, 3, 3, 2, 1]
    assert "包头稀土研究院" in out  # UTF-8, not \\u escapes


def test_keywords_applicants_and_center(world):
    dataset = hand_dataset(world)
    out, _err, code = run(
        "--dataset",
        dataset.name,
        "--center",
        str(dataset.center_id),
        "--keyword",
        "记录1",
        "--keyword",
        "记录2",
        "--applicant",
        "包头",
        "--combine",
        "or",
        "--json",
    )
    assert code == 0
    # titles 记录1, 记录2, 记录10–17 named by keyword; applicant 包头稀土研究院: 1,3,5,7,10,13,16 → ∩ = 1, 10, 13, 16
    assert json.loads(out)["total"] == 4


def test_human_summary(world):
    dataset = hand_dataset(world)
    out, _err, code = run("--dataset", dataset.name, "--ipc", "H01F")
    assert code == 0
    assert "15" in out and "数据不足" in out and "CR4" in out and "包头稀土研究院" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["--ipc", "H1F"], "H1F"),
        ([], None),
        (["--ipc", "H01F", "--from", "2020", "--to", "2010"], "2010"),
    ],
)
def test_bad_scope_is_refused_with_exit_2(world, args, words):
    dataset = hand_dataset(world)
    out, err, code = run("--dataset", dataset.name, *args, "--json")
    if words is None:  # the empty scope: scope.parse's own refusal
        with pytest.raises(DomainError) as caught:
            scopes.parse({})
        words = str(caught.value.message)
    assert code == 2 and out == "" and words in err


def test_unknown_dataset_is_refused(world):
    _out, err, code = run("--dataset", "没有这个数据集", "--ipc", "H01F")
    assert code == 2 and "没有这个数据集" in err
