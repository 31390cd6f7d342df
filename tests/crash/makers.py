"""Makers for the models whose workflows tests/crash/test_transitions.py walks but whose rows no
apps/*/tests/factories.py class or function makes alone: each is `maker(world) -> a saved row`, built through the
apps' own test set-ups (which go through the services), so the row is one the product could hold.

The walk then moves the row to a transition's source state by UPDATE and applies the transition with its
conditions waived: the state a maker leaves the row in does not matter."""


def _center(world):
    from apps.centers.tests.funding_setup import running_center

    return running_center(world)


def _acceptance(world):
    from apps.centers.tests.supervision_setup import acceptance_for

    return acceptance_for(world, _center(world))


def _annual_report(world):
    from apps.reports.tests.reports_setup import open_for

    return open_for(world)


def _assigned_task(world):
    from apps.bureau.tests.matrix_tasks import draft

    return draft(world)


def _task_assignment(world):
    from apps.bureau.tests.matrix_tasks import part

    return part(world)


def _change_request(world):
    from apps.centers.tests.changes_setup import change_at, signed_center

    return change_at(world, signed_center(world), "submitted")


def _termination(world):
    from apps.centers.tests.changes_setup import signed_center, termination_at

    return termination_at(world, signed_center(world), "requested")


def _contract_version(world):
    from apps.centers.tests.contract_setup import contract_at

    return contract_at(world, "draft")


def _disclosure(world):
    from apps.patents.tests.assessment_setup import disclosure_at

    return disclosure_at(world, _center(world), "draft")


def _evaluation(world):
    from apps.evaluations.tests.builders import evaluation

    return evaluation(world)


def _evaluation_round(world):
    from apps.evaluations.tests.builders import round_

    return round_(world)


def _inspection(world):
    from apps.centers.tests.supervision_setup import inspection_for

    return inspection_for(world, _center(world))


def _rectification(world):
    from apps.centers.tests.supervision_setup import rectification_at

    return rectification_at(world, _center(world))


def _policy_document_version(world):
    from apps.bureau.tests.matrix_documents import draft

    return draft(world)


def _policy_question(world):
    from apps.bureau.tests.matrix_questions import asked

    return asked(world)


def _showcase(world):
    from apps.bureau.tests.matrix_showcases import proposal

    return proposal(world)


def _review_panel(world):
    from apps.applications.models import Application
    from apps.applications.tests import factories as f

    application = f.advance(world, f.eligible_draft(world), Application.Status.EXPERT_REVIEW)
    return f.scoring_panel(world, [application])


def _review(world):
    from apps.applications.models import Review

    return Review.objects.filter(panel=_review_panel(world)).first()


def _flag(world):
    from apps.dashboards.tests.setup import flag

    return flag(_center(world))


def makers() -> dict:
    """{model class: maker}, for the models above."""
    from apps.applications.models import Review, ReviewPanel
    from apps.bureau.models import AssignedTask, PolicyDocumentVersion, PolicyQuestion, Showcase, TaskAssignment
    from apps.centers.models import Acceptance, ChangeRequest, ContractVersion, Inspection, Rectification, Termination
    from apps.evaluations.models import Evaluation, EvaluationRound
    from apps.monitoring.models import Flag
    from apps.patents.models import Disclosure
    from apps.reports.models import AnnualReport

    return {
        Acceptance: _acceptance,
        AnnualReport: _annual_report,
        AssignedTask: _assigned_task,
        TaskAssignment: _task_assignment,
        ChangeRequest: _change_request,
        Termination: _termination,
        ContractVersion: _contract_version,
        Disclosure: _disclosure,
        Evaluation: _evaluation,
        EvaluationRound: _evaluation_round,
        Inspection: _inspection,
        Rectification: _rectification,
        PolicyDocumentVersion: _policy_document_version,
        PolicyQuestion: _policy_question,
        Showcase: _showcase,
        ReviewPanel: _review_panel,
        Review: _review,
        Flag: _flag,
    }
