"""Reference data: the 14 prefecture-level offices and the key industry catalogue."""

from django.db import migrations

from apps.reference.seed import INDUSTRIES, PREFECTURES


def load(apps, schema_editor):
    Prefecture = apps.get_model("reference", "Prefecture")
    Industry = apps.get_model("reference", "Industry")
    by_code = {}
    for order, (code, name, kind, parent) in enumerate(PREFECTURES):
        by_code[code] = Prefecture.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": by_code.get(parent), "sort_order": order}
        )[0]
    for order, (code, name, description) in enumerate(INDUSTRIES):
        Industry.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
