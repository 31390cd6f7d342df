"""What scoring plugs into the apps below it: the audit trail masks scores, comments, contest reasons, opinions,
reasons given and veto findings for the audit administrator (`confidential`); scores and veto findings own
evidence files (`owners`, apps.attachments)."""


def connect() -> None:
    from . import confidential, owners

    confidential.register()
    owners.register_owners()
