from tests.recruiting.conftest_client import other_org_member  # noqa: F401
