"""System checks: the national cryptography provider works, a key is configured, and no superuser exists in
production."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def crypto_provider(app_configs, **kwargs):
    from . import crypto

    errors = [checks.Error(p, id="core.E001") for p in crypto.self_test()]
    key = settings.SM4_KEY_HEX
    if not key:
        errors.append(checks.Warning("SM4_KEY_HEX is not set: attachments cannot be encrypted.", id="core.W002"))
    elif len(key) != 32:
        errors.append(checks.Error("SM4_KEY_HEX must be 32 hex characters (128 bits).", id="core.E002"))
    return errors


@checks.register(checks.Tags.security, deploy=True)
def no_superuser(app_configs, **kwargs):
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    try:
        count = get_user_model().objects.filter(is_superuser=True).count()
    except DatabaseError:
        return []
    if count:
        return [
            checks.Error(
                "Accounts with superuser rights exist; production allows none (MLPS separation of duties).",
                id="core.E003",
            )
        ]
    return []
