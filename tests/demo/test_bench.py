import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_bench_matching_prints_its_figures_as_json(capsys):
    call_command("bench_matching", "--profiles", "500", "--missions", "3", "--repeats", "3", "--json")
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in ("profiles", "rank_ms_median", "rank_ms_p95", "index_build_s", "index_update_ms",
                "nightly_missions_per_s", "index_bytes_per_profile", "peak_rss_mb"):
        assert key in figures
    assert figures["profiles"] == 500
