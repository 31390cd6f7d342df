import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Industry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=64, unique=True, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "key industry",
                "verbose_name_plural": "key industries",
                "ordering": ["sort_order", "name"],
            },
        ),
        migrations.CreateModel(
            name="Prefecture",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=6, unique=True, verbose_name="division code")),
                ("name", models.CharField(max_length=32, unique=True, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("city", "City"),
                            ("league", "League"),
                            ("pilot_city", "Separately administered city"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.prefecture",
                        verbose_name="within",
                    ),
                ),
            ],
            options={
                "verbose_name": "prefecture",
                "verbose_name_plural": "prefectures",
                "ordering": ["sort_order", "code"],
            },
        ),
    ]
