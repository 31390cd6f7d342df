from django.db import migrations

from apps.applications.tallies import LEAD_UNIT_MOVES, SUBMITTED
from apps.core import tallies


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_tally"),
        ("organizations", "0005_tally"),
        ("applications", "0010_list_indexes"),
    ]

    operations = [migrations.RunPython(*tallies.install(SUBMITTED, LEAD_UNIT_MOVES))]
