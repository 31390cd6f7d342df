from tests.permissions import EVERY_LOGGED_IN, Row


def _target(w):
    return {"pk": w.user("unit_member").pk}


def _lockout(w):
    from django.utils import timezone

    from apps.accounts.models import Lockout

    return {"pk": Lockout.objects.create(username="x", ip="10.0.0.1", until=timezone.now()).pk}


def _member(w):
    from apps.accounts.tests.factories import UserFactory

    return {"pk": UserFactory(role="unit_member", organization=w.org).pk}


def _conflict(w):
    from apps.accounts.models import ExpertConflict

    return {
        "pk": ExpertConflict.objects.create(expert=w.user("expert").expert_profile, organization=w.org, reason="r").pk
    }


def _employment(w):
    from datetime import date

    from apps.accounts.models import ExpertEmployment

    return {
        "pk": ExpertEmployment.objects.create(
            expert=w.user("expert").expert_profile, organization=w.org, until=date(2024, 6, 30)
        ).pk
    }


def _reset_link(w):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = w.user("unit_member")
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


MATRIX = [
    Row("accounts:unit_members", allow={"unit_admin", "unit_admin_other"}),
    Row("accounts:unit_member_toggle", _member, method="post", allow={"unit_admin"}, hide={"unit_admin_other"}),
    Row("accounts:expert_profile", allow={"expert"}),
    Row("accounts:conflict_withdraw", _conflict, method="post", allow={"expert"}, hide=EVERY_LOGGED_IN - {"expert"}),
    Row("accounts:employment_remove", _employment, method="post", allow={"expert"}, hide=EVERY_LOGGED_IN - {"expert"}),
    Row("accounts:expert_pool", allow={"regional_officer"}),
    Row("accounts:password_reset", public=True),
    Row("accounts:password_reset_confirm", _reset_link, public=True),
    Row("accounts:login", public=True),
    Row("accounts:register", public=True),
    # Logging out is open to anyone (an anonymous POST just lands on the portal).
    Row("accounts:logout", method="post", public=True),
    # Extends the caller's own session (the warning before the idle timeout); nothing else.
    Row("accounts:session_extend", method="post", allow=EVERY_LOGGED_IN),
    Row("accounts:verify", allow=EVERY_LOGGED_IN),
    Row("accounts:two_factor_setup", allow=EVERY_LOGGED_IN),
    Row("accounts:two_factor_qr", allow=EVERY_LOGGED_IN),
    Row("accounts:password_change", allow=EVERY_LOGGED_IN),
    Row("accounts:profile", allow=EVERY_LOGGED_IN),
    Row("accounts:user_list", allow={"system_admin"}),
    Row("accounts:user_list", allow={"system_admin"}, query="format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("accounts:user_create", allow={"system_admin"}),
    Row("accounts:user_edit", _target, allow={"system_admin"}),
    Row("accounts:user_reset_password", _target, method="post", allow={"system_admin"}),
    Row("accounts:user_toggle_active", _target, method="post", allow={"system_admin"}),
    Row("accounts:security_home", allow={"security_admin"}),
    Row("accounts:lockout_release", _lockout, method="post", allow={"security_admin"}),
    Row("accounts:security_users", allow={"security_admin"}),
    Row("accounts:two_factor_reset", _target, method="post", allow={"security_admin"}),
]
