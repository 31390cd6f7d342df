"""Hypothesis profiles for the generated hostile input (issue 22).

- "ci" (the default, used by `make test`): few examples, derandomized (the same examples on every run, so a
  failure in CI reproduces locally), no deadline (the machine is shared), no health check on function-scoped
  fixtures (each example runs inside the test's transaction, in a savepoint the test rolls back).
- "dev": `HYPOTHESIS_PROFILE=dev pytest tests/properties` — ten times the examples, random, for a longer hunt.

The tests take the active profile through `tests.properties.strategies.profile(...)`; nothing here changes the
settings of the other hypothesis tests of the suite.
"""

from hypothesis import HealthCheck, Phase, settings

_SUPPRESSED = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,  # one example draws a body for every form of the project
]

settings.register_profile(
    "ci",
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=_SUPPRESSED,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: a body for ~100 forms shrinks for minutes
)
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=_SUPPRESSED, print_blob=True)
