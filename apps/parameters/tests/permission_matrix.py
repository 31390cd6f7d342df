from tests.permissions import Row

# The bureau's page of rule parameters: the regional officer only (everyone else 403, anonymous → login).
NOTICE_DAYS = {"key": "portal.notice_days"}

MATRIX = [
    Row("parameters:list", allow={"regional_officer"}),
    Row("parameters:edit", lambda w: NOTICE_DAYS, allow={"regional_officer"}),
    Row(
        "parameters:edit",
        lambda w: NOTICE_DAYS,
        method="post",
        data=lambda w: {"value": "6", "reason": "矩阵测试", "expected": "5"},
        allow={"regional_officer"},
        note="post",
    ),
]
