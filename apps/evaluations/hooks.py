"""What the evaluations plug into the apps below them (called once from `apps.EvaluationsConfig.ready`)."""


def connect() -> None:
    from . import hooks_consequences, hooks_dossier, hooks_scoring

    hooks_scoring.connect()  # the trail: scores and opinions masked for the audit administrator; evidence files
    hooks_dossier.connect()  # reports: an evaluator reads the annual reports of the centers in their open rounds
    hooks_consequences.connect()  # centers: delisting grounds; the worker: rectification deadlines
