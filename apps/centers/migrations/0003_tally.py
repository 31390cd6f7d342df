from django.db import migrations

from apps.centers.tallies import CENTERS
from apps.core import tallies


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_tally"),
        ("centers", "0002_list_order_indexes"),
    ]

    operations = [migrations.RunPython(*tallies.install(CENTERS))]
