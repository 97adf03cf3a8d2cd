"""The labelled evaluation (manage.py eval_ranking): CI fails unless the engine orders every judged pair right."""
import json

from django.core.management import call_command

from matching.evaluation import evaluation_run


def test_eval_ranking_prints_its_figures_as_json_and_gets_every_pair_right(capsys):
    call_command("eval_ranking")
    figures = json.loads(capsys.readouterr().out)
    assert figures["pairs"] >= 60
    assert figures["wrong"] == []
    assert figures["pairwise_accuracy"] == 1.0
    assert figures["ndcg_at_10"] >= 0.95


def test_the_evaluation_reads_what_a_client_chose_through_the_mission_weights(tmp_path):
    # Gates do not depend on weights: a client who cares only for the rate still never sees a beginner
    # on a very large, complex project above a seasoned profile with every must-have.
    from matching.evaluation import LABELLED

    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    data["missions"]["btp_very_large_high"]["weights"] = {c: 0 for c in ("seniority", "sector", "tools", "skills")}
    data["pairs"] = [p for p in data["pairs"] if p["why"].startswith("Un débutant")]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert evaluation_run(path)["pairwise_accuracy"] == 1.0
