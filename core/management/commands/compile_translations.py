"""`manage.py compile_translations`: the .po catalogues to .mo with polib (no GNU gettext needed).

Django's own compilemessages needs msgfmt; this one runs on any machine with the requirements installed.
"""
from django.core.management.base import BaseCommand

from core.translations import compile_translations


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo with polib."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile even the catalogues whose .mo is up to date.")

    def handle(self, *args, force=False, **options):
        written = compile_translations(force=force)
        for path in written:
            self.stdout.write(f"compiled {path}")
        if not written:
            self.stdout.write("translations already compiled")
