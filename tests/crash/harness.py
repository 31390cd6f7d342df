"""Real worker processes for the crash tests: `manage.py run_worker --tick-seconds 0.5` on the test database (the
test must use `transaction=True` so the subprocess sees its rows), killed with SIGKILL at a controlled point."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


class Workers:
    def __init__(self, crash_dir: Path):
        self.dir = crash_dir
        self.processes: list[subprocess.Popen] = []

    def env(self) -> dict:
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.crash.worker_settings",
            "DATABASE_URL": url,
            "CRASH_DIR": str(self.dir),
            "PYTHONUNBUFFERED": "1",
        }

    def start(self) -> subprocess.Popen:
        log = open(self.dir / f"worker-{len(self.processes)}.log", "w")  # noqa: SIM115 (kept open for the process)
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--tick-seconds", "0.5"],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.dir.glob("worker-*.log")))

    def wait_for(self, condition, what: str, timeout: float = 60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; worker logs:\n{self.logs()}")

    def close_gate(self):
        (self.dir / "gate").touch()

    def open_gate(self):
        (self.dir / "gate").unlink(missing_ok=True)

    def inside(self) -> bool:
        return (self.dir / "inside").exists()

    def kill(self, process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
