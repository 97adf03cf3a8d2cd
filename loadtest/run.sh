#!/usr/bin/env bash
# The load test against gunicorn on PostgreSQL with the demo data at 10,000 profiles (see loadtest/locustfile.py).
# Needs DATABASE_URL (PostgreSQL). Writes loadtest/results/{app,reference}_stats.csv and prints the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to load}"
USERS=${LOADTEST_USERS:-50}
DURATION=${LOADTEST_DURATION:-60s}
WORKERS=${LOADTEST_WORKERS:-$(( $(nproc) * 2 + 1 ))}
PORT=${LOADTEST_PORT:-8765}
HOST="http://127.0.0.1:${PORT}"
# Development mode (plain HTTP, so no secure-only cookies) with DEBUG off, and throttles out of the way:
# the test measures the server, not the rate limits.
export DEBUG=0 API_THROTTLE_USER=1000000/min API_THROTTLE_ANON=1000000/min LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo --if-empty --profiles 10000 --missions 40
AMOE_API_TOKEN=$(.venv/bin/python manage.py shell -c "
from accounts.authentication import api_token_issue; from accounts.models import User
print(api_token_issue(user=User.objects.get(email='recruiter@example.com'), name='loadtest')[1])" | tail -n 1 | tr -d '[:space:]')
export AMOE_API_TOKEN
mkdir -p loadtest/results
.venv/bin/gunicorn amoe_platform.wsgi:application --bind "127.0.0.1:${PORT}" --workers "$WORKERS" \
    --error-logfile loadtest/results/gunicorn.log &
GUNICORN=$!
trap 'kill "$GUNICORN"' EXIT
sleep 3
# One session per client user (half of the users), logged in through the form before the measured minute.
AMOE_CLIENT_SESSIONS=$(.venv/bin/python loadtest/sessions.py --host "$HOST" --count $(( USERS / 2 )))
export AMOE_CLIENT_SESSIONS
LOCUST=.venv-loadtest/bin/locust
$LOCUST -f loadtest/locustfile.py --host "$HOST" --headless -u "$USERS" -r "$USERS" -t "$DURATION" \
    --csv loadtest/results/app --only-summary ClientBrowser ApiUser
$LOCUST -f loadtest/locustfile.py --host "$HOST" --headless -u "$USERS" -r "$USERS" -t "$DURATION" \
    --csv loadtest/results/reference --only-summary HealthUser
# Requests/s, median, p95, p99 per endpoint and the failure count (5xx included) are in the summaries
# above and in loadtest/results/{app,reference}_stats.csv; failures by kind in *_failures.csv.
