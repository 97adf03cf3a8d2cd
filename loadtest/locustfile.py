"""Load test: clients browsing their missions' rankings, API users reading candidates and profiles,
and a bare constant-JSON view (/healthz/) as the reference for what the server costs on its own.

Run with `make loadtest` (demo data at 10,000 profiles, gunicorn, 60 s headless) or by hand:

    AMOE_API_TOKEN=<token> locust -f loadtest/locustfile.py --host http://127.0.0.1:8000 \
        --headless -u 50 -r 10 -t 60s --csv loadtest/results/run

Pick the user classes with their names on the command line, e.g. `HealthUser` alone for the reference.
Logins are the demo ones (demo/demo_data.py). Client users take the sessions listed in AMOE_CLIENT_SESSIONS
(made through the log-in form beforehand by loadtest/sessions.py, one per user) and log in themselves once
those run out. Any 5xx answer counts as a failure.
"""
import os
import random
import re

from locust import HttpUser, between, task

DEMO_CLIENT = os.environ.get("AMOE_CLIENT_EMAIL", "client@example.com")
DEMO_PASSWORD = os.environ.get("AMOE_PASSWORD", "demo-pass-2026")
API_TOKEN = os.environ.get("AMOE_API_TOKEN", "")
WAIT = between(0, float(os.environ.get("AMOE_MAX_WAIT", "0.1")))
SESSIONS = [cookie for cookie in os.environ.get("AMOE_CLIENT_SESSIONS", "").split(",") if cookie]


def _check(response):
    if response.status_code >= 500:
        response.failure(f"{response.status_code} on {response.request.path_url}")
    elif response.status_code >= 400:
        response.failure(f"{response.status_code} (throttled or refused) on {response.request.path_url}")
    else:
        response.success()


class ClientBrowser(HttpUser):
    """A client member: the dashboard, then the ranked candidates of one of their missions."""

    weight = 2
    wait_time = WAIT

    def on_start(self):
        if SESSIONS:
            self.client.cookies.set("sessionid", SESSIONS.pop())
        else:
            self.log_in()
        dashboard = self.client.get("/missions/")
        self.mission_ids = sorted({int(i) for i in re.findall(r'href="/missions/(\d+)/"', dashboard.text)}) or [1]

    def log_in(self):
        page = self.client.get("/accounts/login/")
        token = self.client.cookies.get("csrftoken") or re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post("/accounts/login/", {"login": DEMO_CLIENT, "password": DEMO_PASSWORD,
                                              "csrfmiddlewaretoken": token},
                         headers={"Referer": f"{self.host}/accounts/login/"})

    @task(1)
    def dashboard(self):
        with self.client.get("/missions/", name="/missions/", catch_response=True) as response:
            _check(response)

    @task(4)
    def ranking(self):
        mission_id = random.choice(self.mission_ids)
        page = random.choice(["", "?page=2"])
        with self.client.get(f"/missions/{mission_id}/{page}", name="/missions/[id]/", catch_response=True) as r:
            _check(r)


class ApiUser(HttpUser):
    """An ESN's tools: missions, their ranked candidates, profile search and profile pages."""

    weight = 2
    wait_time = WAIT

    def on_start(self):
        self.client.headers["Authorization"] = f"Token {API_TOKEN}"
        missions = self.client.get("/api/v1/missions/?page_size=100").json().get("results", [])
        self.mission_ids = [m["id"] for m in missions] or [1]
        profiles = self.client.get("/api/v1/profiles/?page_size=100").json().get("results", [])
        self.profile_ids = [p["id"] for p in profiles] or [1]

    @task(4)
    def candidates(self):
        mission_id = random.choice(self.mission_ids)
        with self.client.get(f"/api/v1/missions/{mission_id}/candidates/", name="/api/v1/missions/[id]/candidates/",
                             catch_response=True) as response:
            _check(response)

    @task(2)
    def profiles(self):
        page = random.randint(1, 20)
        with self.client.get(f"/api/v1/profiles/?page={page}", name="/api/v1/profiles/", catch_response=True) as r:
            _check(r)

    @task(2)
    def profile(self):
        profile_id = random.choice(self.profile_ids)
        with self.client.get(f"/api/v1/profiles/{profile_id}/", name="/api/v1/profiles/[id]/",
                             catch_response=True) as response:
            _check(response)


class HealthUser(HttpUser):
    """The reference: a bare Django view answering a constant JSON, on the same server."""

    weight = 1  # runs only when named on the command line: the app run names its two user classes
    wait_time = WAIT

    @task
    def healthz(self):
        with self.client.get("/healthz/", catch_response=True) as response:
            _check(response)
