"""A message's kind when the caller names none: a task is TASK; otherwise the app of its subject
(`subject_key` = "<app_label>.<model>:<pk>", `services.subject_key`) names the area. Apps are named here as strings
(notifications sits below them and imports none of them); an app not listed, or no subject, is SYSTEM."""

from .models import Kind

KIND_OF_APP = {
    "demands": Kind.APPLICATIONS,
    "calls": Kind.APPLICATIONS,
    "applications": Kind.APPLICATIONS,
    "portal": Kind.APPLICATIONS,  # objections to a public notice (公示) of applications and results
    "centers": Kind.CENTERS,
    "patents": Kind.CENTERS,
    "navigation": Kind.CENTERS,
    "reports": Kind.CENTERS,
    "evaluations": Kind.EVALUATIONS,
    "bureau": Kind.BUREAU,
    "accounts": Kind.ACCOUNTS,
    "organizations": Kind.ACCOUNTS,
}


def kind_of(*, is_task: bool, subject_key: str) -> str:
    """TASK for a task (待办); else the kind of the subject's app; else SYSTEM."""
    if is_task:
        return Kind.TASK
    app_label = subject_key.split(".", 1)[0] if "." in subject_key else ""
    return KIND_OF_APP.get(app_label, Kind.SYSTEM)
