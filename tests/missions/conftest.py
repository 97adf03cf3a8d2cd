from tests.matching.conftest_client import *  # noqa: F401,F403
