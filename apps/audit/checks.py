"""Deploy check: the application does not connect to PostgreSQL as a role that could rewrite the audit trail."""

from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def database_role(app_configs, **kwargs):
    from django.db import DatabaseError

    from .database_role import problems

    try:
        found = problems()
    except DatabaseError:
        return []
    return [
        checks.Error(
            f"{problem}: connect as the application role with the grants of `manage.py db_grants` (docs/deploy.md).",
            id="audit.E001",
        )
        for problem in found
    ]
