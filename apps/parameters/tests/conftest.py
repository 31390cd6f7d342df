from decimal import Decimal

import pytest

from apps.parameters import tunables


@pytest.fixture
def sample():
    """A whole-number tunable of the tests' own (2–20, default 10), gone after the test."""
    tunable = tunables.Tunable(
        "tests.sample", default=10, minimum=2, maximum=20, unit="个", label="样例参数", source="brief"
    )
    yield tunable
    tunables.unregister(tunable.key)


@pytest.fixture
def share():
    """A Decimal tunable (0.50–1.00, default 0.70), from an article of the measures."""
    tunable = tunables.Tunable(
        "tests.share",
        default=Decimal("0.70"),
        minimum=Decimal("0.50"),
        maximum=Decimal("1.00"),
        unit="",
        label="样例比例",
        source="Art. 10(3)",
    )
    yield tunable
    tunables.unregister(tunable.key)
