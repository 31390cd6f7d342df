# KPIs as rows (issue 12), step 2 of 3: every target_year1..3 that is filled in becomes an IndicatorTarget row
# (year 1..3); an empty column makes no row. Reversible: the rows of years 1..3 go back into the columns.

from django.db import migrations

COLUMNS = {1: "target_year1", 2: "target_year2", 3: "target_year3"}
BATCH = 1000


def columns_to_rows(apps, schema_editor):
    Indicator = apps.get_model("applications", "Indicator")
    IndicatorTarget = apps.get_model("applications", "IndicatorTarget")
    rows = []
    for values in Indicator.objects.order_by("pk").values("pk", *COLUMNS.values()).iterator(chunk_size=BATCH):
        for year, column in COLUMNS.items():
            if values[column] is not None:
                rows.append(IndicatorTarget(indicator_id=values["pk"], year=year, value=values[column]))
        if len(rows) >= BATCH:
            IndicatorTarget.objects.bulk_create(rows)
            rows = []
    IndicatorTarget.objects.bulk_create(rows)


def rows_to_columns(apps, schema_editor):
    Indicator = apps.get_model("applications", "Indicator")
    IndicatorTarget = apps.get_model("applications", "IndicatorTarget")
    targets = {}
    for target in IndicatorTarget.objects.filter(year__in=COLUMNS).iterator(chunk_size=BATCH):
        targets.setdefault(target.indicator_id, {})[COLUMNS[target.year]] = target.value
    for indicator_id, values in targets.items():
        Indicator.objects.filter(pk=indicator_id).update(**values)
    IndicatorTarget.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_indicator_targets"),
    ]

    operations = [
        migrations.RunPython(columns_to_rows, rows_to_columns, elidable=False),
    ]
