"""The public register of centers (views_public.register): everyone, signed in or not."""

from tests.permissions import Row


def _centers(w):
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for

    center_for(w, status=Center.Status.UNDER_CONSTRUCTION, partners=0)
    center_for(w, status=Center.Status.DELISTED, partners=0)
    return {}


MATRIX = [
    Row("centers:register", _centers, public=True),
    Row("centers:register", _centers, public=True, query="status=delisted&page=2", note="filtered"),
    Row(
        "centers:register",
        _centers,
        public=True,
        query="status=delisted&format=xlsx",
        note="the .xlsx export (apps.core.listing)",
    ),
]
