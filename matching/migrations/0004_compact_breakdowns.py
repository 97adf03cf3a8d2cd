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


def _compact(entry, weights, context):
    items = {item.get("criterion"): item for item in entry.breakdown or [] if isinstance(item, dict)}
    if set(items) != set(CRITERIA) or not all(isinstance(item.get("reason"), dict) for item in items.values()):
        return []  # not explained (or unreadable): nothing to convert
    row = []
    for criterion in CRITERIA:
        item = items[criterion]
        params = item["reason"].get("params") or {}
        shared = MISSION_PARAMS.get(criterion, set())
        weights.setdefault(criterion, item["weight"])
        context.setdefault(criterion, {k: v for k, v in params.items() if k in shared})
        row.append([item["score"], str(item["reason"].get("code", "")).partition(".")[2],
                    {k: v for k, v in params.items() if k not in shared}])
    return row


def compact_breakdowns(apps, schema_editor):
    MissionRanking = apps.get_model("matching", "MissionRanking")
    RankingEntry = apps.get_model("matching", "RankingEntry")
    mission_ids = RankingEntry.objects.order_by("mission_id").values_list("mission_id", flat=True).distinct()
    for mission_id in mission_ids:
        entries = list(RankingEntry.objects.filter(mission_id=mission_id).order_by("rank"))
        weights, context = {}, {}
        for entry in entries:
            entry.breakdown = _compact(entry, weights, context)
            if entry.breakdown:
                # Readers recompute points as weight × score: the score is their sum, in this order
                # (weights were rounded before, so a perfect profile could sum a hair above 100).
                entry.score = min(100.0, sum(weights[c] * r[0] for c, r in zip(CRITERIA, entry.breakdown)))
        RankingEntry.objects.bulk_update(entries, ["breakdown", "score"], batch_size=500)
        first = entries[0]
        MissionRanking.objects.update_or_create(
            mission_id=mission_id,
            defaults={"weights": weights, "reason_context": context},
            create_defaults={"weights": weights, "reason_context": context, "engine_version": first.engine_version,
                             "computed_at": first.computed_at},
        )


def expand_breakdowns(apps, schema_editor):
    MissionRanking = apps.get_model("matching", "MissionRanking")
    RankingEntry = apps.get_model("matching", "RankingEntry")
    for ranking in MissionRanking.objects.all():
        if set(ranking.weights) != set(CRITERIA):
            continue
        entries = [e for e in RankingEntry.objects.filter(mission_id=ranking.mission_id)
                   if len(e.breakdown or []) == len(CRITERIA) and isinstance(e.breakdown[0], list)]
        for entry in entries:
            entry.breakdown = [
                {"criterion": c, "score": score, "weight": ranking.weights[c],
                 "points": ranking.weights[c] * score,
                 "reason": {"code": f"{c}.{code}", "params": {**params, **ranking.reason_context.get(c, {})}}}
                for c, (score, code, params) in zip(CRITERIA, entry.breakdown)
            ]
        RankingEntry.objects.bulk_update(entries, ["breakdown"], batch_size=500)


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
