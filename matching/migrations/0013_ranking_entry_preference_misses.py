"""Each stored row says whether the mission fits the freelancer's preferences, and how it misses them.

Rows stored before this read as fitting (the columns' defaults) until they are stored again: rather than
working the misses out here with today's rules, every open mission's ranking is re-ranked through the outbox,
as migration 0012 does for the engine (the sweep enqueues the requests once workers run; the nightly run
would catch any left behind)."""
from django.db import migrations, models
from django.utils import timezone


def record_requests(apps, schema_editor):
    Mission = apps.get_model("missions", "Mission")
    RankingRequest = apps.get_model("matching", "RankingRequest")
    pending = set(RankingRequest.objects.filter(kind="mission", processed_at=None).values_list("object_id", flat=True))
    ranked = (Mission.objects.filter(status="open", ranking__isnull=False).exclude(pk__in=pending)
              .values_list("pk", flat=True))
    now = timezone.now()
    RankingRequest.objects.bulk_create(
        [RankingRequest(kind="mission", object_id=pk, requested_at=now) for pk in ranked.iterator()],
        batch_size=1000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0012_rerank_for_engine_v2"),
        ("missions", "0005_invitation_moves_to_accounts"),
        ("profiles", "0006_visible_profile_id_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="rankingentry",
            name="fits_preferences",
            field=models.BooleanField(default=True, verbose_name="convient dans les deux sens"),
        ),
        migrations.AddField(
            model_name="rankingentry",
            name="preference_misses",
            field=models.JSONField(blank=True, default=list, verbose_name="hors des préférences du freelance"),
        ),
        migrations.AddIndex(
            model_name="rankingentry",
            index=models.Index(fields=["mission", "-fits_preferences", "rank"], name="ranking_entry_mutual_idx"),
        ),
        migrations.RunPython(record_requests, migrations.RunPython.noop),
    ]
