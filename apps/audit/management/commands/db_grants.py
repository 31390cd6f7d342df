from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from apps.audit.database_role import grant_statements


class Command(BaseCommand):
    help = (
        "The PostgreSQL grants of the application's role (docs/deploy.md): full rights on the application's tables, "
        "append-only on the audit trail. Prints the statements; --execute runs them (connected as the owner role, "
        "after every migrate)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, help="the role the application and the worker connect as")
        parser.add_argument("--execute", action="store_true", help="run the statements instead of printing them")

    def handle(self, *args, role, execute, **options):
        if connection.vendor != "postgresql":
            raise CommandError("db_grants is for PostgreSQL (the embedded SQLite database has no roles).")
        statements = grant_statements(role)
        if not execute:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(self.style.SUCCESS(f"granted {len(statements)} statements to {role}"))
