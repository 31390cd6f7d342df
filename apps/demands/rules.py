"""The numbers of the demand pool's rules. Art. 8: the bureau screens the demands and "组织专家论证" — an expert
argument — without saying how many experts; the project brief asks for at least three, and the bureau may ask
for more."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.parameters.tunables import Tunable

ARGUMENT_MIN_EXPERTS = Tunable(
    "demands.argument_min_experts",
    default=3,
    minimum=3,
    maximum=15,
    unit=pgettext_lazy("parameter unit", "experts"),
    label=gettext_lazy("Experts needed to argue a demand"),
    source="brief",
    help=gettext_lazy(
        "At least this many experts (free of conflicts) are assigned before a demand's argument starts, and at "
        "least this many opinions are needed to conclude it (Art. 8)."
    ),
)
