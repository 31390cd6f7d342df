"""The KPI engine's files (apps.attachments), registered in `PatentsConfig.ready()`: a self-reported KPI value owns
its evidence ("kpi_evidence"), added by the center's lead unit while the center runs, never removed (a wrong value
is superseded by a newer report, its evidence stays with it). Whoever sees the center sees them (else 404)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import Decision, deny

EVIDENCE_KINDS = {"kpi_evidence": gettext_lazy("Evidence of a self-reported KPI value")}


def _center_of(value):
    return value.indicator.version.contract.center


def _visible(user):
    from apps.centers.selectors import visible_to

    from .models import SelfReportedValue

    return SelfReportedValue.objects.filter(indicator__version__contract__center__in=visible_to(user))


def _can_view(user, value) -> Decision:
    from . import policies

    return policies.can_view(user, _center_of(value))


def _can_upload(user, value, kind=None) -> Decision:
    from . import kpi

    return kpi.can_report(user, _center_of(value))


def _can_delete(user, value, kind=None) -> Decision:
    return deny(_("The evidence stays with its reported value: report a new value instead."))


def _url(value) -> str:
    from django.urls import reverse

    center = _center_of(value)
    return reverse("patents:kpi", args=[center.pk])


def register_owners() -> None:
    from apps.attachments.registry import register_owner

    from .models import SelfReportedValue

    register_owner(
        SelfReportedValue,
        visible=_visible,
        can_view=_can_view,
        can_upload=_can_upload,
        can_delete=_can_delete,
        kinds=EVIDENCE_KINDS,
        url=_url,
    )
