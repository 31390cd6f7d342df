"""`manage.py import_patents` (issue 16): the same services, synchronously, from the command line."""

import pytest
from django.core.management import call_command

from apps.patents.models import ImportBatch, Patent

from . import exports
from .imports_setup import center

pytestmark = pytest.mark.django_db


def _file(tmp_path, data, name="incopat.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_command_imports_and_prints_the_layout_and_counts(world, tmp_path, capsys):
    c = center(world)
    call_command("import_patents", _file(tmp_path, exports.incopat_xlsx(3)), center=c.pk)
    out = capsys.readouterr().out
    assert "incoPat" in out and "3" in out
    assert Patent.objects.filter(center=c).count() == 3
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE


def test_a_dry_run_writes_nothing(world, tmp_path, capsys):
    c = center(world)
    call_command("import_patents", _file(tmp_path, exports.incopat_xlsx(3)), center=c.pk, dry_run=True)
    out = capsys.readouterr().out
    assert "3" in out
    assert Patent.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_a_refused_file_exits_non_zero_naming_every_bad_row(world, tmp_path, capsys):
    c = center(world)
    rows = [{}, {"number": "CN201611162814.5"}, {"number": "乱码"}]
    with pytest.raises(SystemExit) as exited:
        call_command("import_patents", _file(tmp_path, exports.incopat_xlsx(rows)), center=c.pk, user="unit_admin")
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "3" in err and "4" in err and "201611162814.5" in err
    assert Patent.objects.count() == 0


def test_an_unreadable_file_exits_with_2(world, tmp_path):
    c = center(world)
    with pytest.raises(SystemExit) as exited:
        call_command("import_patents", _file(tmp_path, b"not a table at all", "x.pdf"), center=c.pk)
    assert exited.value.code == 2
