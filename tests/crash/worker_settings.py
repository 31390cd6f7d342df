"""Settings of the worker subprocesses the SIGKILL tests start (tests/crash/test_sigkill.py): the test settings,
mail written to files in CRASH_DIR (one file per mail, counted by the test), the anchor file there too, and the
crash recovery's timeouts in seconds instead of minutes so a test does not wait three minutes."""

import os
from pathlib import Path

from config.settings.test import *  # noqa: F403

CRASH_DIR = Path(os.environ["CRASH_DIR"])
EMAIL_BACKEND = "tests.crash.mail_backend.GatedFileBackend"
EMAIL_FILE_PATH = str(CRASH_DIR / "mail")
AUDIT_ANCHOR_FILE = str(CRASH_DIR / "chain-head.log")
WORKER_STALE_AFTER_SECONDS = 2
MAIL_CLAIM_TIMEOUT_SECONDS = 1
JOB_MAX_ATTEMPTS = 3
