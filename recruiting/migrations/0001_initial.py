"""The recruiting models, moved from matching: created in the state only, on the tables matching made
(db_table); their content types follow, so that permissions given on them are kept."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ["shortlistentry", "shortlistmove", "questionnaireanswer", "contactunlock", "freelancernotice",
          "digestsubscription"]


def _content_types_move(source, target):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        taken = content_types.filter(app_label=target, model__in=MODELS).values_list("model", flat=True)
        content_types.filter(app_label=source, model__in=MODELS).exclude(model__in=list(taken)).update(
            app_label=target)
    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_api_token'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('matching', '0010_packed_rows_horizon'),
        ('missions', '0004_mission_duration_and_rate_ceiling_ranges'),
        ('profiles', '0003_profile_updated_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ShortlistEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('shortlisted', 'Présélectionné'), ('contacted', 'Contacté'), ('questionnaire', 'Questionnaire'), ('trial', "Période d'essai"), ('hired', 'Retenu'), ('rejected', 'Non retenu')], default='shortlisted', max_length=20, verbose_name='statut')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ajouté le')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                        ('collaboration_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='collaboration confirmée le')),
                        ('collaboration_declined_at', models.DateTimeField(blank=True, null=True, verbose_name='collaboration contestée le')),
                        ('added_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('mission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='shortlist', to='missions.mission')),
                        ('profile', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='shortlist_entries', to='profiles.freelancerprofile')),
                    ],
                    options={
                        'verbose_name': 'présélection',
                        'verbose_name_plural': 'présélections',
                        'db_table': 'matching_shortlistentry',
                    },
                ),
                migrations.CreateModel(
                    name='QuestionnaireAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='réponse')),
                        ('answered_at', models.DateTimeField(auto_now=True, verbose_name='répondu le')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='missions.questionnairequestion')),
                        ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='recruiting.shortlistentry')),
                    ],
                    options={
                        'verbose_name': 'réponse au questionnaire',
                        'verbose_name_plural': 'réponses au questionnaire',
                        'db_table': 'matching_questionnaireanswer',
                    },
                ),
                migrations.CreateModel(
                    name='ShortlistMove',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(blank=True, choices=[('shortlisted', 'Présélectionné'), ('contacted', 'Contacté'), ('questionnaire', 'Questionnaire'), ('trial', "Période d'essai"), ('hired', 'Retenu'), ('rejected', 'Non retenu')], max_length=20, verbose_name='de')),
                        ('to_status', models.CharField(choices=[('shortlisted', 'Présélectionné'), ('contacted', 'Contacté'), ('questionnaire', 'Questionnaire'), ('trial', "Période d'essai"), ('hired', 'Retenu'), ('rejected', 'Non retenu')], max_length=20, verbose_name='vers')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('moved_at', models.DateTimeField(auto_now_add=True, verbose_name='le')),
                        ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='moves', to='recruiting.shortlistentry')),
                        ('moved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'changement de statut',
                        'verbose_name_plural': 'changements de statut',
                        'db_table': 'matching_shortlistmove',
                    },
                ),
                migrations.CreateModel(
                    name='ContactUnlock',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('unlocked_at', models.DateTimeField(verbose_name='débloqué le')),
                        ('mission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_unlocks', to='missions.mission')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_unlocks', to='accounts.organisation')),
                        ('profile', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_unlocks', to='profiles.freelancerprofile')),
                        ('unlocked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'accès aux coordonnées',
                        'verbose_name_plural': 'accès aux coordonnées',
                        'db_table': 'matching_contactunlock',
                        'indexes': [models.Index(fields=['profile', 'organisation'], name='contact_unlock_profile_idx')],
                        'constraints': [models.UniqueConstraint(fields=('mission', 'profile'), name='contact_unlock_once_per_mission')],
                    },
                ),
                migrations.CreateModel(
                    name='DigestSubscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('min_score', models.PositiveSmallIntegerField(blank=True, help_text='Vide : les missions où vous entrez dans le top 10.', null=True, verbose_name='score minimum')),
                        ('subscribed_at', models.DateTimeField(auto_now_add=True, verbose_name='abonné le')),
                        ('last_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='dernier envoi')),
                        ('profile', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='digest_subscription', to='profiles.freelancerprofile')),
                    ],
                    options={
                        'verbose_name': 'abonnement au résumé quotidien',
                        'verbose_name_plural': 'abonnements au résumé quotidien',
                        'db_table': 'matching_digestsubscription',
                        'constraints': [models.CheckConstraint(condition=models.Q(('min_score__isnull', True), ('min_score__lte', 100), _connector='OR'), name='digest_min_score_0_100')],
                    },
                ),
                migrations.CreateModel(
                    name='FreelancerNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('questionnaire', 'Questionnaire à remplir'), ('contact', 'Coordonnées consultées'), ('recommendation', 'Recommandation reçue'), ('digest', 'Mission dans le résumé quotidien')], max_length=20, verbose_name='type')),
                        ('sent_at', models.DateTimeField(verbose_name='envoyé le')),
                        ('mission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='missions.mission')),
                        ('profile', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='profiles.freelancerprofile')),
                    ],
                    options={
                        'verbose_name': 'e-mail envoyé à un freelance',
                        'verbose_name_plural': 'e-mails envoyés aux freelances',
                        'db_table': 'matching_freelancernotice',
                        'constraints': [models.UniqueConstraint(fields=('mission', 'profile', 'kind'), name='freelancer_notice_once'), models.CheckConstraint(condition=models.Q(('kind__in', ['questionnaire', 'contact', 'recommendation', 'digest'])), name='freelancer_notice_kind_valid')],
                    },
                ),
                migrations.AddIndex(
                    model_name='shortlistentry',
                    index=models.Index(fields=['profile', 'status'], name='shortlist_profile_idx'),
                ),
                migrations.AddConstraint(
                    model_name='shortlistentry',
                    constraint=models.UniqueConstraint(fields=('mission', 'profile'), name='shortlist_entry_unique'),
                ),
                migrations.AddConstraint(
                    model_name='shortlistentry',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['shortlisted', 'contacted', 'questionnaire', 'trial', 'hired', 'rejected'])), name='shortlist_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='questionnaireanswer',
                    constraint=models.UniqueConstraint(fields=('entry', 'question'), name='questionnaire_answer_unique'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_content_types_move("matching", "recruiting"),
                             _content_types_move("recruiting", "matching")),
    ]
