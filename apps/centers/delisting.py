"""Grounds for delisting a center (摘牌, Art. 17(3)): a registry the apps above the centers fill.

Delisting follows from the performance evaluation: no evaluation taken part in without good reason, an evaluation
not completed, or still unqualified after rectification. The evaluations app (a later issue) registers a provider:

    from apps.centers import delisting
    delisting.register(evaluations_grounds)      # in its AppConfig.ready()

A provider is `(center) -> Decision`: ALLOW when it finds grounds to delist the center, otherwise a denial whose
reason says why not. The delisting is decided on the evaluation's page (with the clawback and the announcement, in
one transaction: `apps.evaluations.services_consequences.delist`), which takes the `delist` transition
(`workflow.CENTER`); the transition holds when any provider finds grounds; with no provider registered it refuses
with a clear reason, so no center can be delisted without an evaluation.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from apps.core.errors import join_messages
from apps.core.policy import ALLOW, Decision, deny

_providers: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: Callable) -> None:
    """For tests."""
    if provider in _providers:
        _providers.remove(provider)


def providers() -> list[Callable]:
    return list(_providers)


def grounds(center) -> Decision:
    """ALLOW when a registered provider finds grounds to delist `center`; else the providers' reasons."""
    if not _providers:
        return deny(
            _(
                "A center is delisted on the grounds of its performance evaluation (Art. 17(3)); the evaluation is "
                "not available on the platform yet, so no center can be delisted."
            )
        )
    refusals = []
    for provider in _providers:
        decision = provider(center)
        if decision:
            return ALLOW
        refusals.append(decision.reason)
    return deny(join_messages(refusals) or _("No grounds for delisting this center."))
