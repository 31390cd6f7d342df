# KPIs as rows (issue 12), step 1 of 3: the table of yearly targets, beside the old columns.

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndicatorTarget",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MinValueValidator(1)], verbose_name="contract year"
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="target",
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="targets",
                        to="applications.indicator",
                        verbose_name="indicator",
                    ),
                ),
            ],
            options={
                "verbose_name": "indicator target",
                "verbose_name_plural": "indicator targets",
                "ordering": ["indicator", "year"],
                "constraints": [
                    models.UniqueConstraint(fields=("indicator", "year"), name="unique_indicator_target_year"),
                    models.CheckConstraint(condition=models.Q(("year__gte", 1)), name="indicator_target_year_from_1"),
                    models.CheckConstraint(
                        condition=models.Q(("value__gte", 0)), name="indicator_target_value_not_negative"
                    ),
                ],
            },
        ),
    ]
