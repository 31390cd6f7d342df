"""The PostgreSQL role the application connects as, and what it may do (docs/deploy.md, "Database roles").

An OWNER role owns the schema and its tables and runs the migrations; the APP role (the application and the worker)
owns nothing, so it can neither ALTER a table nor disable a trigger, and it gets:
- SELECT, INSERT, UPDATE, DELETE on the application's tables;
- on the audit trail only what appending needs: `audit_auditentry` SELECT, INSERT (no UPDATE, DELETE, TRUNCATE,
  TRIGGER); `audit_chainhead` SELECT, INSERT, UPDATE (the writers lock the head row and advance it; rewinding it
  is caught by the anchored heads, apps/audit/anchor.py);
- `django_migrations` SELECT only; the sequences USAGE, SELECT; on the schema USAGE, not CREATE.
TRUNCATE, TRIGGER and REFERENCES are granted on nothing.

`manage.py db_grants --role <app role>` prints these statements (`--execute` runs them as the owner); run it after
every `migrate`, since a migration may add tables. `check --deploy` reports (audit.E001) when the application is
connected as a superuser or as the owner of the audit table."""

from django.db import connection

# table → privileges; every other table of the schema gets FULL
FULL = ("SELECT", "INSERT", "UPDATE", "DELETE")
RESTRICTED = {
    "audit_auditentry": ("SELECT", "INSERT"),
    "audit_chainhead": ("SELECT", "INSERT", "UPDATE"),
    "django_migrations": ("SELECT",),
}


def grant_statements(role: str) -> list[str]:
    quoted = connection.ops.quote_name(role)
    statements = [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
        f"GRANT {', '.join(FULL)} ON ALL TABLES IN SCHEMA public TO {quoted}",
    ]
    for table, privileges in RESTRICTED.items():
        statements.append(f"REVOKE ALL ON TABLE {connection.ops.quote_name(table)} FROM {quoted}")
        statements.append(f"GRANT {', '.join(privileges)} ON TABLE {connection.ops.quote_name(table)} TO {quoted}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
    return statements


def problems() -> list[str]:
    """What is wrong with the role the application is connected as (PostgreSQL only; empty elsewhere)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper, r.rolbypassrls, pg_get_userbyid(c.relowner) = current_user, "
            "has_table_privilege('audit_auditentry', 'UPDATE'), has_table_privilege('audit_auditentry', 'DELETE'), "
            "has_table_privilege('audit_auditentry', 'TRUNCATE'), has_table_privilege('audit_auditentry', 'TRIGGER') "
            "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_auditentry'::regclass"
        )
        row = cursor.fetchone()
    if row is None:
        return []
    superuser, _bypass, owner, *refused = row
    found = []
    if superuser:
        found.append("the application is connected as a PostgreSQL superuser")
    if owner:
        found.append("the application's role owns the audit table (it could disable the append-only trigger)")
    if any(refused):
        found.append("the application's role may UPDATE, DELETE, TRUNCATE or add triggers on the audit table")
    return found
