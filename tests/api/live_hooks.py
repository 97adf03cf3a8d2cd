"""Schemathesis hooks for the run against a live server (test_live_schemathesis.py), loaded by the CLI
through SCHEMATHESIS_HOOKS.

- Authentication: the recruiter's token (AMOE_API_TOKEN), except for DELETE /api/v1/auth/token/, which
  revokes the token it is sent with: it gets throwaway tokens of the same user (AMOE_THROWAWAY_TOKENS)
  so the run keeps its own. Once they are all revoked that operation answers 401, as documented.
- The rules of a mission's input that OpenAPI cannot express, which the schema states in words (a
  start date not in the past, not every weight zero, each tool, skill and question once): a
  schema-valid body is brought inside them, so Schemathesis still expects it to be accepted.
"""
import datetime
import os

import schemathesis

TOKEN_PATH = "/api/v1/auth/token/"
MISSION_PATHS = {"/api/v1/missions/", "/api/v1/missions/{id}/"}
_throwaway = iter(os.environ.get("AMOE_THROWAWAY_TOKENS", "").split())
_last_throwaway = None


@schemathesis.auth()
class RecruiterToken:
    def get(self, case, context):
        return os.environ["AMOE_API_TOKEN"]

    def set(self, case, data, context):
        global _last_throwaway
        if case.operation.method.upper() == "DELETE" and case.operation.path == TOKEN_PATH:
            _last_throwaway = data = next(_throwaway, _last_throwaway) or data
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.path in MISSION_PATHS and case.operation.method.upper() in {"POST", "PATCH"}:
        if case.meta is not None and case.meta.generation.mode.is_positive and isinstance(case.body, dict):
            _within_mission_rules(case.body)


def _within_mission_rules(body: dict) -> None:
    today = datetime.date.today()
    start = body.get("start_date")
    if isinstance(start, str) and start < today.isoformat():
        body["start_date"] = (today + datetime.timedelta(days=30)).isoformat()
    weights = body.get("weights")
    if isinstance(weights, dict) and weights and not any(weights.values()):
        weights[next(iter(weights))] = 1
    for rows, key in (("tools", "tool"), ("skills", "skill"), ("questions", "text")):
        if isinstance(body.get(rows), list):
            seen, kept = set(), []
            for row in body[rows]:
                value = row.get(key) if isinstance(row, dict) else None
                value = value.strip() if isinstance(value, str) else value
                if value not in seen:
                    seen.add(value)
                    kept.append(row)
            body[rows] = kept
