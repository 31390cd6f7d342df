from tests.permissions import EVERY_LOGGED_IN, Row

DEMO = {"settings": {"DEMO_MODE": True}}

MATRIX = [
    # For load balancers and monitoring: everyone, no login (503 while no worker beats in the test world).
    Row("health:check", public=True),
    Row("core:home", allow=EVERY_LOGGED_IN),
    # Demo time travel: does not exist outside demo mode (404 for everyone); in demo mode, the regional officer only.
    Row("core:clock_advance", method="post", data=lambda w: {"days": "1"}, hide=EVERY_LOGGED_IN, note="not demo"),
    Row("core:clock_reset", method="post", hide=EVERY_LOGGED_IN, note="not demo"),
    Row(
        "core:clock_advance",
        method="post",
        data=lambda w: {"days": "1"},
        allow={"regional_officer"},
        note="demo",
        extra=DEMO,
    ),
    Row("core:clock_reset", method="post", allow={"regional_officer"}, note="demo", extra=DEMO),
]
