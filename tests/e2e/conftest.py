"""The browser tests' fixtures are shared by the whole suite: tests/e2e/fixtures.py (a plugin the root conftest
loads)."""
