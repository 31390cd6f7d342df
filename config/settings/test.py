"""Tests: fast hashing, in-memory mail, a fixed SM4 key, files under a temp dir."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SM4_KEY_HEX = "0123456789abcdeffedcba9876543210"
ATTACHMENT_ROOT = Path(tempfile.mkdtemp(prefix="hvp-attachments-"))
NAVIGATION_DIR = Path(tempfile.mkdtemp(prefix="hvp-navigation-"))
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, (1000, 60))  # noqa: F405  (every scope, generous)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No anchor file shared between tests (each test's trail is its own): tests that anchor set a temporary path.
AUDIT_ANCHOR_FILE = ""
# WhiteNoise reads the static directory when its middleware starts: once per process in production, but once per
# test Client in the suite (each Client loads the middleware anew): 0.2 s for every client, half the permission
# matrix's time. In autorefresh mode it looks up only the file a request asks for.
WHITENOISE_AUTOREFRESH = True
# A test database is thrown away: its commits need not wait for the disk (a crash of the server loses nothing a test
# needs). The migrations' hundreds of commits and the transactional tests' flushes wait on no fsync.
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
