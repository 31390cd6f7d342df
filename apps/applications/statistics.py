"""Figures for the officers' statistics page: what the selection process holds, by prefecture, status and
industry. Scoped like every other read: a prefecture officer counts only their prefecture's applications."""

from django.db.models import Count

from apps.core.roles import Role
from apps.demands.models import Demand
from apps.reference.models import Industry, Prefecture

from . import selectors
from .models import Application


def figures(user) -> dict:
    applications = selectors.visible_to(user)
    by_prefecture = dict(applications.values_list("lead_unit__prefecture__name").annotate(n=Count("id")).order_by())
    prefectures = [p.name for p in Prefecture.objects.all()]
    statuses = dict(Application.Status.choices)
    by_status = applications.values_list("status").annotate(n=Count("id")).order_by()
    industries = [i.name for i in Industry.objects.filter(is_active=True)]
    by_industry = dict(applications.values_list("topic__industry__name").annotate(n=Count("id")).order_by())
    result = {
        "applications_by_prefecture": {"labels": prefectures, "values": [by_prefecture.get(p, 0) for p in prefectures]},
        "applications_by_status": [{"name": str(statuses[s]), "value": n} for s, n in by_status],
        "applications_by_industry": {"labels": industries, "values": [by_industry.get(i, 0) for i in industries]},
        "total_applications": applications.count(),
    }
    if user.role == Role.REGIONAL_OFFICER:  # the demand pool is the bureau's
        demands = dict(Demand.objects.values_list("industry__name").annotate(n=Count("id")).order_by())
        result["demands_by_industry"] = {"labels": industries, "values": [demands.get(i, 0) for i in industries]}
    return result
