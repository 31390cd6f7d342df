from tests.permissions import EVERY_LOGGED_IN, Row


def _target(w):
    return {"pk": w.user("unit_member").pk}


def _lockout(w):
    from django.utils import timezone

    from apps.accounts.models import Lockout

    return {"pk": Lockout.objects.create(username="x", ip="10.0.0.1", until=timezone.now()).pk}


MATRIX = [
    Row("accounts:login", public=True),
    Row("accounts:register", public=True),
    # Logging out is open to anyone (an anonymous POST just lands on the portal).
    Row("accounts:logout", method="post", public=True),
    Row("accounts:verify", allow=EVERY_LOGGED_IN),
    Row("accounts:two_factor_setup", allow=EVERY_LOGGED_IN),
    Row("accounts:two_factor_qr", allow=EVERY_LOGGED_IN),
    Row("accounts:password_change", allow=EVERY_LOGGED_IN),
    Row("accounts:profile", allow=EVERY_LOGGED_IN),
    Row("accounts:user_list", allow={"system_admin"}),
    Row("accounts:user_create", allow={"system_admin"}),
    Row("accounts:user_edit", _target, allow={"system_admin"}),
    Row("accounts:user_reset_password", _target, method="post", allow={"system_admin"}),
    Row("accounts:user_toggle_active", _target, method="post", allow={"system_admin"}),
    Row("accounts:security_home", allow={"security_admin"}),
    Row("accounts:lockout_release", _lockout, method="post", allow={"security_admin"}),
    Row("accounts:security_users", allow={"security_admin"}),
    Row("accounts:two_factor_reset", _target, method="post", allow={"security_admin"}),
]
