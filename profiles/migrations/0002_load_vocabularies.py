from django.db import migrations

from profiles.vocabulary_data import load_vocabularies


def load(apps, schema_editor):
    load_vocabularies(
        sector_model=apps.get_model("profiles", "Sector"),
        tool_model=apps.get_model("profiles", "Tool"),
        skill_model=apps.get_model("profiles", "Skill"),
    )


def unload(apps, schema_editor):
    for name in ("Sector", "Tool", "Skill"):
        apps.get_model("profiles", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
