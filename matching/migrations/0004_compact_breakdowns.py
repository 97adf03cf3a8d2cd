"""Stored breakdowns become compact rows; the mission's part moves to the ranking header.

Existing rankings are converted in place, so pages keep showing them until the next
ranking rewrites them. The parameter names are frozen here as they were at this step.
"""
from django.db import migrations, models

CRITERIA = ("seniority", "sector", "tools", "skills", "english", "education", "reputation", "rate", "availability")
MISSION_PARAMS = {
    "seniority": {"required", "scale", "complexity"},
    "sector": {"sector"},
    "english": {"target_written", "target_spoken", "international"},
    "education": {"required"},
    "rate": {"ceiling"},
    "availability": {"start", "required_days"},
}


def compact_breakdowns(apps, schema_editor):
    MissionRanking = apps.get_model("matching", "MissionRanking")
    RankingEntry = apps.get_model("matching", "RankingEntry")
    for ranking in MissionRanking.objects.all():
        entries = list(RankingEntry.objects.filter(mission_id=ranking.mission_id))
        weights, context = {}, {}
        for entry in entries:
            items = {item["criterion"]: item for item in entry.breakdown or [] if isinstance(item, dict)}
            if set(items) != set(CRITERIA):  # not explained: nothing to convert
                entry.breakdown = []
                entry.save(update_fields=["breakdown"])
                continue
            row = []
            for criterion in CRITERIA:
                item = items[criterion]
                params = item["reason"].get("params") or {}
                shared = MISSION_PARAMS.get(criterion, set())
                weights.setdefault(criterion, item["weight"])
                context.setdefault(criterion, {k: v for k, v in params.items() if k in shared})
                row.append([item["score"], item["reason"]["code"].partition(".")[2],
                            {k: v for k, v in params.items() if k not in shared}])
            entry.breakdown = row
            # Readers recompute points as weight × score: the score is their sum, in this order.
            entry.score = sum(weights[c] * r[0] for c, r in zip(CRITERIA, row))
            entry.save(update_fields=["breakdown", "score"])
        ranking.weights, ranking.reason_context = weights, context
        ranking.save(update_fields=["weights", "reason_context"])


def expand_breakdowns(apps, schema_editor):
    MissionRanking = apps.get_model("matching", "MissionRanking")
    RankingEntry = apps.get_model("matching", "RankingEntry")
    for ranking in MissionRanking.objects.all():
        for entry in RankingEntry.objects.filter(mission_id=ranking.mission_id):
            if len(entry.breakdown or []) != len(CRITERIA):
                continue
            entry.breakdown = [
                {"criterion": c, "score": score, "weight": ranking.weights[c],
                 "points": ranking.weights[c] * score,
                 "reason": {"code": f"{c}.{code}", "params": {**params, **ranking.reason_context.get(c, {})}}}
                for c, (score, code, params) in zip(CRITERIA, entry.breakdown)
            ]
            entry.save(update_fields=["breakdown"])


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0003_nightly_runs_and_notifications'),
    ]

    operations = [
        migrations.AddField(
            model_name='missionranking',
            name='reason_context',
            field=models.JSONField(blank=True, default=dict, verbose_name='exigences de la mission par critère'),
        ),
        migrations.AddField(
            model_name='missionranking',
            name='weights',
            field=models.JSONField(blank=True, default=dict, verbose_name='poids par critère'),
        ),
        migrations.RunPython(compact_breakdowns, expand_breakdowns),
    ]
