"""Engine version 2 scores differently: every open mission ranked by an older engine is re-ranked through the
outbox. The requests are recorded here, in the deploy's migration; the sweep (every two minutes) enqueues
them once workers run, and until then pages show no ranking of the older engine
(RankingEntry.objects.shown())."""
from django.db import migrations
from django.utils import timezone

ENGINE_VERSION = "2.0"  # the version this migration ranks for, frozen as migrations are


def record_requests(apps, schema_editor):
    Mission = apps.get_model("missions", "Mission")
    RankingRequest = apps.get_model("matching", "RankingRequest")
    pending = set(RankingRequest.objects.filter(kind="mission", processed_at=None).values_list("object_id", flat=True))
    stale = (Mission.objects.filter(status="open").exclude(ranking__engine_version=ENGINE_VERSION)
             .exclude(pk__in=pending).values_list("pk", flat=True))
    now = timezone.now()
    RankingRequest.objects.bulk_create(
        [RankingRequest(kind="mission", object_id=pk, requested_at=now) for pk in stale.iterator()],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0011_recruiting_models_move"),
        ("missions", "0005_invitation_moves_to_accounts"),
    ]

    operations = [migrations.RunPython(record_requests, migrations.RunPython.noop)]
