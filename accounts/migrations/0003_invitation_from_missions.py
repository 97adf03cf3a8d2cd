import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

import accounts.models


def _content_type_move(source, target):
    """The admin's permissions on invitations follow the model (unless the target's row exists already)."""
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        if not content_types.filter(app_label=target, model="invitation").exists():
            content_types.filter(app_label=source, model="invitation").update(app_label=target)
    return move


class Migration(migrations.Migration):
    """Invitation joins accounts' state on the table missions created (missions_invitation): rows stay."""

    dependencies = [
        ("accounts", "0002_api_token"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("missions", "0005_invitation_moves_to_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("email", models.EmailField(max_length=254, verbose_name="adresse e-mail")),
                        ("role", models.CharField(choices=[("admin", "Administrateur"), ("member", "Membre")],
                                                  default="member", max_length=10, verbose_name="rôle")),
                        ("token", models.CharField(default=accounts.models.new_invitation_token, editable=False,
                                                   max_length=64, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="envoyée le")),
                        ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="acceptée le")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="révoquée le")),
                        ("invited_by", models.ForeignKey(blank=True, null=True,
                                                         on_delete=django.db.models.deletion.SET_NULL,
                                                         related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                           related_name="invitations", to="accounts.organisation")),
                        ("revoked_by", models.ForeignKey(blank=True, null=True,
                                                         on_delete=django.db.models.deletion.SET_NULL,
                                                         related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "invitation",
                        "verbose_name_plural": "invitations",
                        "db_table": "missions_invitation",
                        "constraints": [
                            models.UniqueConstraint(
                                django.db.models.functions.text.Lower("email"), models.F("organisation"),
                                condition=models.Q(("accepted_at__isnull", True), ("revoked_at__isnull", True)),
                                name="invitation_one_pending_per_email",
                            ),
                            models.CheckConstraint(condition=models.Q(("role__in", ["admin", "member"])),
                                                   name="invitation_role_valid"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_content_type_move("missions", "accounts"), _content_type_move("accounts", "missions")),
    ]
