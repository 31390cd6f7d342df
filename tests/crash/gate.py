"""A controlled point where a job in a worker subprocess stops until the test kills it: while the file "gate"
exists in CRASH_DIR, `wait_here()` creates "inside" (the test sees the job got there) and blocks."""

import os
import time
from pathlib import Path


def _dir() -> Path:
    return Path(os.environ["CRASH_DIR"])


def closed() -> bool:
    return (_dir() / "gate").exists()


def wait_here() -> None:
    (_dir() / "inside").touch()
    while closed():
        time.sleep(0.05)
