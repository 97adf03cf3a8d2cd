"""The staff's admin of GDPR requests: a proxy of the freelancer profile, no table of its own."""
from django.db import migrations


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('profiles', '0004_profile_preferences'),
    ]

    operations = [
        migrations.CreateModel(
            name='PersonalDataRequest',
            fields=[
            ],
            options={
                'verbose_name': 'demande sur des données personnelles',
                'verbose_name_plural': 'demandes sur des données personnelles',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('profiles.freelancerprofile',),
        ),
    ]
