"""The navigation reports' @once form for tests/test_double_submit.py: a new report's scope sent twice (a double
click on “计算并保存报告”, a reload) saves one report."""

from django.urls import reverse


def new_report(w):
    from apps.navigation.models import Navigation
    from apps.navigation.tests import reports_setup as rs
    from tests.test_double_submit import Setup

    ds = rs.dataset(w)
    url = reverse("navigation:report_new", kwargs={"dataset_pk": ds.pk})
    data = {"title": "稀土永磁产业专利导航", "ipc": "H01F1/057", "keywords": "稀土", "combine": "and"}
    return Setup(url, url, lambda c: data, Navigation.objects.count)


def cases(Case) -> list:
    return [Case("navigation:report_new", "unit_admin", new_report)]
