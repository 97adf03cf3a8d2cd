from django.db import migrations

from profiles import vocabulary_data


def load(apps, schema_editor):
    Sector = apps.get_model("profiles", "Sector")
    Tool = apps.get_model("profiles", "Tool")
    Skill = apps.get_model("profiles", "Skill")
    sectors = {}
    for code, fr, en in vocabulary_data.SECTORS:
        sectors[code], _ = Sector.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en})
    # Historical models do not mirror a symmetrical relation by themselves.
    for a, b in vocabulary_data.SECTOR_ADJACENCY:
        sectors[a].adjacent.add(sectors[b])
        sectors[b].adjacent.add(sectors[a])
    for code, fr, en, category in vocabulary_data.TOOLS:
        Tool.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en, "category": category})
    for code, fr, en in vocabulary_data.SKILLS:
        Skill.objects.get_or_create(code=code, defaults={"label_fr": fr, "label_en": en})


def unload(apps, schema_editor):
    for name in ("Sector", "Tool", "Skill"):
        apps.get_model("profiles", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
