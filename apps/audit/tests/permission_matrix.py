from tests.permissions import Row

MATRIX = [
    Row("audit:list", allow={"audit_admin"}),
    Row("audit:export", allow={"audit_admin"}),
    Row("audit:chain", allow={"audit_admin"}),
]
