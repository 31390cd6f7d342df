import pytest

from apps.core.roles import Role
from apps.reference import policies


class Someone:
    def __init__(self, role):
        self.role = role


@pytest.mark.parametrize("role", list(Role))
def test_only_the_regional_officer_maintains_the_calendar(role):
    decision = policies.can_manage_calendar(Someone(role))
    assert decision.allowed == (role == Role.REGIONAL_OFFICER)
    if not decision:
        assert decision.reason
