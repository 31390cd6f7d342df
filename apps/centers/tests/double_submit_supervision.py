"""The supervision part's create views for tests/test_double_submit.py (`Setup` builders): each form's page, where it
posts, its data and the records it makes. `cases(Case)` lists them for that test's `CASES`."""

from django.urls import reverse

from apps.core import clock


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _today() -> str:
    return clock.today().isoformat()


def _center_form(url_name, data, count):
    def make(w):
        from .supervision_setup import end_term_soon, signed_center

        center = signed_center(w)
        end_term_soon(center)
        url = reverse(f"centers:{url_name}", args=[center.pk])
        return _setup()(url, url, lambda c: data(), lambda: count(center))

    return make


def _inspection_form(action, data, count):
    def make(w):
        from .supervision_setup import inspection_for, signed_center

        center = signed_center(w)
        inspection = inspection_for(w, center)
        return _setup()(
            reverse("centers:inspection", args=[center.pk, inspection.pk]),
            reverse(f"centers:inspection_{action}", args=[center.pk, inspection.pk]),
            lambda c: data,
            lambda: count(center),
        )

    return make


def acceptance_decide(w):
    from apps.centers.models import Acceptance

    from .supervision_setup import acceptance_for, signed_center

    center = signed_center(w)
    acceptance = acceptance_for(w, center)
    return _setup()(
        reverse("centers:acceptance", args=[center.pk, acceptance.pk]),
        reverse("centers:acceptance_decide", args=[center.pk, acceptance.pk]),
        lambda c: {"decide-result": "passed", "decide-opinion": "各项指标完成。"},
        lambda: Acceptance.objects.filter(result="passed").count(),
    )


def _rectification_form(state, action, data, status):
    def make(w):
        from apps.centers.models import Rectification

        from .supervision_setup import rectification_at, signed_center

        center = signed_center(w)
        rectification = rectification_at(w, center, state)
        return _setup()(
            reverse("centers:rectification", args=[center.pk, rectification.pk]),
            reverse(f"centers:rectification_{action}", args=[center.pk, rectification.pk]),
            lambda c: data,
            lambda: Rectification.objects.filter(status=status).count(),
        )

    return make


def cases(Case) -> list:
    from apps.centers.models import Acceptance, Finding, Inspection

    return [
        Case(
            "centers:inspection_new",
            "regional_officer",
            _center_form(
                "inspection_new",
                lambda: {"scheduled_on": _today(), "scope": "建设任务进展", "team": "张三、李四"},
                lambda center: Inspection.objects.filter(center=center).count(),
            ),
        ),
        Case(
            "centers:inspection_finding",
            "prefecture_officer",
            _inspection_form(
                "finding",
                {"finding-text": "办公场所符合要求"},
                lambda center: Finding.objects.filter(inspection__center=center).count(),
            ),
        ),
        Case(
            "centers:inspection_complete",
            "regional_officer",
            _inspection_form(
                "complete",
                {"complete-summary": "总体良好。"},
                lambda center: Inspection.objects.filter(center=center, status="completed").count(),
            ),
        ),
        Case(
            "centers:inspection_cancel",
            "regional_officer",
            _inspection_form(
                "cancel",
                {"cancel-reason": "检查组调整。"},
                lambda center: Inspection.objects.filter(center=center, status="cancelled").count(),
            ),
        ),
        Case(
            "centers:acceptance_new",
            "regional_officer",
            _center_form(
                "acceptance_new",
                lambda: {"scheduled_on": _today(), "team": "验收专家组"},
                lambda center: Acceptance.objects.filter(center=center).count(),
            ),
        ),
        Case("centers:acceptance_decide", "regional_officer", acceptance_decide),
        Case(
            "centers:rectification_report",
            "unit_admin",
            _rectification_form("open", "report", {"report-report": "已整改。"}, "reported"),
        ),
        Case(
            "centers:rectification_complete",
            "regional_officer",
            _rectification_form("reported", "complete", {"complete-conclusion": "整改到位。"}, "completed"),
        ),
        Case(
            "centers:rectification_fail",
            "regional_officer",
            _rectification_form("reported", "fail", {"fail-conclusion": "未整改到位。"}, "failed"),
        ),
    ]
