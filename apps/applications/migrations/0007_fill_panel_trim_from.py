from django.db import migrations

# The default of applications.rules.TRIM_FROM when this migration was written. Written out here, not imported: a
# migration must keep doing what it did when the default later changes.
TRIM_FROM_DEFAULT = 5


def fill_existing_panels(apps, schema_editor):
    """Every panel formed before panels kept their threshold gets the default, 5."""
    ReviewPanel = apps.get_model("applications", "ReviewPanel")
    ReviewPanel.objects.filter(trim_from__isnull=True).update(trim_from=TRIM_FROM_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_reviewpanel_trim_from"),
    ]

    operations = [
        migrations.RunPython(fill_existing_panels, migrations.RunPython.noop),
    ]
