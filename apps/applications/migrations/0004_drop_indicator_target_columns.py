# KPIs as rows (issue 12), step 3 of 3: the old columns go once their values are rows.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_copy_indicator_targets"),
    ]

    operations = [
        migrations.RemoveField(model_name="indicator", name="target_year1"),
        migrations.RemoveField(model_name="indicator", name="target_year2"),
        migrations.RemoveField(model_name="indicator", name="target_year3"),
    ]
