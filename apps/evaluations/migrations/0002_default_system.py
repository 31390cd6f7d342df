"""The default indicator system (Art. 16) as version 1, from `apps.evaluations.default_system` (pure data)."""

from django.db import migrations

from apps.evaluations import default_system as default

VERSION = default.VERSION


def create(apps, schema_editor):
    default.load(
        apps.get_model("evaluations", "IndicatorSystem"),
        apps.get_model("evaluations", "IndicatorArea"),
        apps.get_model("evaluations", "EvaluationIndicator"),
        apps.get_model("evaluations", "VetoItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]
    # Reversed, the rows stay: unapplying 0001 drops their tables (deleting them here would run the cascade collector
    # over the historical models of a migration graph being unwound, which fails when other apps go back with it).
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
