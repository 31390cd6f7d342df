"""What the reports' browser tests share: signing in, as the patents' browser tests do (their fixture, not a copy)."""

from apps.patents.tests.e2e.conftest import login

__all__ = ["login"]
