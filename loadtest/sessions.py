"""Logged-in sessions made through the log-in form before the load test starts, one per simulated client.

A log-in costs the server about half a second of CPU by design (PBKDF2, 1,000,000 iterations): made by each
simulated client as it starts, fifty at once, they would weigh on the measured minute as a burst that browsing
never produces. Made here first, each client still has a session of its own that the server loads on every
request. Prints the session cookies comma-separated (AMOE_CLIENT_SESSIONS for loadtest/locustfile.py).

    python loadtest/sessions.py --host http://127.0.0.1:8765 --count 25
"""
from __future__ import annotations

import argparse
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

# The server limits log-ins per address (allauth: 30 a minute): past it, wait for the window to move on.
LIMITED_WAIT_S, LIMITED_TRIES = 5, 25


def session_log_in(base: str, email: str, password: str) -> str:
    """The session cookie of a log-in through the form, waiting while the server limits log-ins (HTTPError or
    RuntimeError when refused)."""
    for _ in range(LIMITED_TRIES - 1):
        try:
            return _log_in(base, email, password)
        except urllib.error.HTTPError as error:
            if error.code != 429:
                raise
            time.sleep(LIMITED_WAIT_S)
    return _log_in(base, email, password)


def _log_in(base: str, email: str, password: str) -> str:
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    page = opener.open(f"{base}/accounts/login/", timeout=60).read()
    token = next((c.value for c in cookies if c.name == "csrftoken"), None) or re.search(
        rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode({"login": email, "password": password, "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=body,
                                       headers={"Referer": f"{base}/accounts/login/"}), timeout=60).read()
    session = next((c.value for c in cookies if c.name == "sessionid"), None)
    if session is None:
        raise RuntimeError(f"Could not log in as {email}.")
    return session


def sessions_log_in(base: str, email: str, password: str, count: int, *, parallel: int = 2) -> list[str]:
    with ThreadPoolExecutor(parallel) as pool:
        return list(pool.map(lambda _: session_log_in(base, email, password), range(count)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--email", default="client@example.com")
    parser.add_argument("--password", default="demo-pass-2026")
    arguments = parser.parse_args()
    print(",".join(sessions_log_in(arguments.host, arguments.email, arguments.password, arguments.count)))
