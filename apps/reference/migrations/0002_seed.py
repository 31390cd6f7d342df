"""Reference data: the 14 prefecture-level offices and the key industry catalogue."""

from django.db import migrations

from apps.reference.services import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("reference", "Prefecture"), apps.get_model("reference", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
