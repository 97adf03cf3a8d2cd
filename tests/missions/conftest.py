from tests.recruiting.conftest_client import *  # noqa: F401,F403
