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


def delete(apps, schema_editor):
    IndicatorSystem = apps.get_model("evaluations", "IndicatorSystem")
    system = IndicatorSystem.objects.filter(version=VERSION).first()
    if system is not None:
        system.indicators.all().delete()
        system.vetoes.all().delete()
        system.areas.all().delete()
        system.delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]
    operations = [migrations.RunPython(create, delete)]
