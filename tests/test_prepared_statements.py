"""On PostgreSQL the platform binds parameters on the server, so psycopg prepares a statement a connection runs
often and PostgreSQL plans it once (config/settings/base.py, PG_PREPARE_THRESHOLD; docs/deploy.md)."""

import pytest
from django.db import connection

from apps.applications.models import Application

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _prepared() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


def test_a_query_run_often_is_prepared_once_per_connection():
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]
    assert threshold == 5
    before = _prepared()
    for pk in range(threshold + 1):  # the same statement with other parameters
        list(Application.objects.filter(pk=pk, status="draft").values_list("pk"))
    assert _prepared() >= before + 1
