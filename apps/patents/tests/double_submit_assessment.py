"""The pre-filing assessment's @once views for tests/test_double_submit.py: each form's page, where it posts, its
data and the records it makes (a disclosure, an edit, a transition, an assessment, a link, the weights)."""

from django.urls import reverse


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _audits(action):
    from apps.audit.models import AuditEntry

    return lambda: AuditEntry.objects.filter(action=action).count()


def _in_status(status):
    from apps.patents.models import Disclosure

    return lambda: Disclosure.objects.filter(status=status).count()


def disclosure_new(w):
    from apps.patents.models import Disclosure

    from .assessment_setup import CONTENT, running_center

    url = reverse("patents:disclosure_new", args=[running_center(w).pk])
    return _setup()(url, url, lambda c: dict(CONTENT), Disclosure.objects.count)


def _on_disclosure(state, view, data, count, *, author="unit_member", page="patents:disclosure", extra=None):
    def make(w):
        from .assessment_setup import disclosure_at, running_center

        center = running_center(w)
        disclosure = disclosure_at(w, center, state, author=author)
        if extra is not None:
            extra(w, center)
        args = [center.pk, disclosure.pk]
        post = reverse(view, args=args)
        return _setup()(reverse(page, args=args), post, lambda c: data(w), count())

    return make


def _a_patent(w, center):
    from apps.core import clock

    from .factories import patent

    patent(center, filing_date=clock.today())


def _the_patent(w):
    from apps.patents.models import Patent

    return {"patent": Patent.objects.latest("pk").pk, "application_number": ""}


def assessment_weights(w):
    from .assessment_setup import running_center

    url = reverse("patents:assessment_weights", args=[running_center(w).pk])
    data = {"technical": "40", "market": "30", "drafting": "10", "layout": "20"}
    return _setup()(url, url, lambda c: data, _audits("patents.assessment_weights.update"))


def cases(Case) -> list:
    from .assessment_setup import CONTENT, SCORES

    def assessed(w):
        from apps.core import clock

        return {
            **SCORES,
            "conclusion": "file",
            "reasons": "技术新颖，建议申请。",
            "assessed_on": clock.today().isoformat(),
        }

    return [
        Case("patents:disclosure_new", "unit_member", disclosure_new),
        Case(
            "patents:disclosure_edit",
            "unit_member",
            _on_disclosure(
                "draft",
                "patents:disclosure_edit",
                lambda w: {**CONTENT, "title": "改后的名称"},
                lambda: _audits("patents.disclosure.update"),
                page="patents:disclosure_edit",
            ),
        ),
        Case(
            "patents:disclosure_submit",
            "unit_member",
            _on_disclosure("draft", "patents:disclosure_submit", lambda w: {}, lambda: _in_status("submitted")),
        ),
        Case(
            "patents:disclosure_assessor",
            "unit_admin",
            _on_disclosure(
                "draft",
                "patents:disclosure_assessor",
                lambda w: {"assessor": w.user("unit_member").pk},
                lambda: _audits("patents.disclosure.assign"),
                author="unit_admin",
            ),
        ),
        Case(
            "patents:disclosure_assess",
            "unit_admin",
            _on_disclosure(
                "submitted",
                "patents:disclosure_assess",
                assessed,
                lambda: _assessments(),
                page="patents:disclosure_assess",
            ),
        ),
        Case(
            "patents:disclosure_link",
            "unit_member",
            _on_disclosure(
                "assessed", "patents:disclosure_link", _the_patent, lambda: _in_status("filed"), extra=_a_patent
            ),
        ),
        Case(
            "patents:disclosure_reassess",
            "unit_member",
            _on_disclosure(
                "closed",
                "patents:disclosure_reassess",
                lambda w: {"reason": "市场发生变化。"},
                lambda: _in_status("submitted"),
            ),
        ),
        Case("patents:assessment_weights", "unit_admin", assessment_weights),
    ]


def _assessments():
    from apps.patents.models import PreFilingAssessment

    return PreFilingAssessment.objects.count
