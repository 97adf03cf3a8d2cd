import json

from django.core.management.base import BaseCommand

from matching.evaluation import LABELLED, evaluation_run


class Command(BaseCommand):
    help = ("Run the engine on the labelled set (matching/evaluation/labelled.json): pairwise accuracy and "
            "NDCG@10 as JSON; the pairs it gets wrong are listed.")

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(LABELLED), help="Another labelled set of the same format.")

    def handle(self, *args, path, **options):
        from pathlib import Path

        self.stdout.write(json.dumps(evaluation_run(Path(path)), ensure_ascii=False))
