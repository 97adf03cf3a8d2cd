"""The GDPR tests run in the security tests' world (every kind of account, ranked and shortlisted)."""
from tests.security.conftest import *  # noqa: F401,F403
