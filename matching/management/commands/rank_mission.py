from django.core.management.base import BaseCommand, CommandError

from matching.services import mission_rank
from missions.models import Mission


class Command(BaseCommand):
    help = "Rank one mission now and store its ranking."

    def add_arguments(self, parser):
        parser.add_argument("mission_id", type=int)

    def handle(self, *args, mission_id, **options):
        mission = Mission.objects.filter(pk=mission_id).first()
        if mission is None:
            raise CommandError(f"No mission with id {mission_id}.")
        if not mission.is_open:
            raise CommandError(f"Mission {mission_id} is {mission.get_status_display()}: only open missions are ranked.")
        rows = mission_rank(mission_id=mission_id)
        ranking = mission.ranking
        self.stdout.write(
            f"Mission {mission_id} « {mission.title} »: {rows} candidates stored, "
            f"{ranking.excluded_total} excluded {dict(ranking.excluded_counts)}."
        )
