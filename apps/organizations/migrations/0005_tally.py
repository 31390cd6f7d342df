from django.db import migrations

from apps.core import tallies
from apps.organizations.tallies import ORGANIZATIONS


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_tally"),
        ("organizations", "0004_list_indexes"),
    ]

    operations = [migrations.RunPython(*tallies.install(ORGANIZATIONS))]
