from django.db import migrations


class Migration(migrations.Migration):
    """Invitation belongs to accounts now: it leaves missions' state, its table stays (accounts 0003)."""

    dependencies = [
        ("missions", "0004_mission_duration_and_rate_ceiling_ranges"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Invitation")],
            database_operations=[],
        ),
    ]
