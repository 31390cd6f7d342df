"""The load test of `make bench` (bench/run.py starts it): each simulated client requests one page again and again
without think time, with the session cookie of a logged-in officer, as the TLS proxy would forward it.

    BENCH_COOKIE="__Host-sessionid=…" BENCH_PATH=/applications/ locust -f bench/locustfile.py --headless \\
        --users 20 --spawn-rate 20 --run-time 60s --host http://127.0.0.1:8000
"""

import os

from locust import HttpUser, constant, task


class Officer(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.headers = {
            "Cookie": os.environ["BENCH_COOKIE"],
            "X-Forwarded-Proto": os.environ.get("BENCH_PROTO", "https"),
        }
        self.path = os.environ.get("BENCH_PATH", "/applications/")

    @task
    def page(self):
        with self.client.get(self.path, headers=self.headers, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
