"""The matching engine: pure functions from profile and mission features to scores, ranks and reasons.
No database access and no app's models here (tests/config/test_import_direction.py checks it); the
rankings side of matching loads the features (loaders) and stores what the engine computes (services)."""
