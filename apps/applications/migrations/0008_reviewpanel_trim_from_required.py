from django.db import migrations, models


class Migration(migrations.Migration):
    """No default: services_review.panel_create sets trim_from from the bureau's parameter."""

    dependencies = [
        ("applications", "0007_fill_panel_trim_from"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reviewpanel",
            name="trim_from",
            field=models.PositiveSmallIntegerField(
                verbose_name="scores from which the highest and the lowest are dropped"
            ),
        ),
    ]
