from django.db import migrations, models


class Migration(migrations.Migration):
    """ReviewPanel.trim_from: the trimmed mean's threshold, copied from the bureau's parameter when the panel is
    formed (like min_experts). Nullable for the moment: 0007 fills the panels that exist, 0008 requires it."""

    dependencies = [
        ("applications", "0005_panel_min_experts_from_parameters"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewpanel",
            name="trim_from",
            field=models.PositiveSmallIntegerField(
                null=True, verbose_name="scores from which the highest and the lowest are dropped"
            ),
        ),
    ]
