"""The recruiting models (shortlists, moves, answers, contact unlocks, notices, digest subscriptions) now
belong to the recruiting app: gone from matching's state only, their tables stay (recruiting 0001)."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0010_packed_rows_horizon'),
        ('recruiting', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='digestsubscription',
                    name='profile',
                ),
                migrations.RemoveField(
                    model_name='freelancernotice',
                    name='mission',
                ),
                migrations.RemoveField(
                    model_name='freelancernotice',
                    name='profile',
                ),
                migrations.RemoveField(
                    model_name='questionnaireanswer',
                    name='entry',
                ),
                migrations.RemoveField(
                    model_name='questionnaireanswer',
                    name='question',
                ),
                migrations.RemoveField(
                    model_name='shortlistentry',
                    name='added_by',
                ),
                migrations.RemoveField(
                    model_name='shortlistentry',
                    name='mission',
                ),
                migrations.RemoveField(
                    model_name='shortlistentry',
                    name='profile',
                ),
                migrations.RemoveField(
                    model_name='shortlistmove',
                    name='entry',
                ),
                migrations.RemoveField(
                    model_name='shortlistmove',
                    name='moved_by',
                ),
                migrations.DeleteModel(
                    name='ContactUnlock',
                ),
                migrations.DeleteModel(
                    name='DigestSubscription',
                ),
                migrations.DeleteModel(
                    name='FreelancerNotice',
                ),
                migrations.DeleteModel(
                    name='QuestionnaireAnswer',
                ),
                migrations.DeleteModel(
                    name='ShortlistEntry',
                ),
                migrations.DeleteModel(
                    name='ShortlistMove',
                ),
            ],
            database_operations=[],
        ),
    ]
