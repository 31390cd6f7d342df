"""The patents' browser tests sign in through the shared `login` fixture (tests/e2e/fixtures.py)."""
