import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Organisation, User
from matching.demo_data import DEMO_PASSWORD
from missions.models import Mission
from profiles.models import FreelancerProfile

pytestmark = pytest.mark.django_db


def _snapshot():
    profiles = [
        (p.user.email, p.headline, p.years_experience, p.daily_rate, p.city, p.english_written, tuple(p.work_modes),
         tuple(sorted((s.sector.code, s.years) for s in p.sector_years.all())),
         tuple(sorted((t.tool.code, t.proficiency) for t in p.tool_levels.all())),
         tuple(sorted(p.skills.values_list("code", flat=True))),
         tuple(sorted(p.diplomas.values_list("kind", "level", "school", "year"))),
         tuple(sorted(p.recommendations.values_list("rating", flat=True))))
        for p in FreelancerProfile.objects.select_related("user").order_by("user__email")
    ]
    missions = list(Mission.objects.order_by("title", "start_date").values_list(
        "title", "sector__code", "scale", "complexity", "daily_rate_max", "start_date", "city"))
    return profiles, missions


def _wipe():
    Mission.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()


def test_the_same_seed_gives_the_same_data():
    call_command("seed_demo", "--profiles", "60", "--missions", "8", "--seed", "11", "--no-rank")
    first = _snapshot()
    _wipe()
    call_command("seed_demo", "--profiles", "60", "--missions", "8", "--seed", "11", "--no-rank")
    assert _snapshot() == first
    _wipe()
    call_command("seed_demo", "--profiles", "60", "--missions", "8", "--seed", "12", "--no-rank")
    assert _snapshot() != first


def test_the_demo_logins_work_and_belong_to_distinct_organisations():
    call_command("seed_demo", "--profiles", "30", "--missions", "10")
    freelancer = User.objects.get(email="freelancer@example.com")
    client = User.objects.get(email="client@example.com")
    recruiter = User.objects.get(email="recruiter@example.com")
    assert all(u.check_password(DEMO_PASSWORD) for u in (freelancer, client, recruiter))
    assert freelancer.profile.is_visible
    client_org = client.organisations.get()
    esn = recruiter.organisations.get()
    assert client_org != esn and esn.kind == Organisation.Kind.ESN
    assert Mission.objects.filter(organisation=esn, status="open").exists()
    assert Mission.objects.filter(organisation=client_org, status="open").exists()


def test_seeding_twice_is_refused_unless_asked_to_skip(capsys):
    call_command("seed_demo", "--profiles", "5", "--missions", "1", "--no-rank")
    with pytest.raises(CommandError):
        call_command("seed_demo", "--profiles", "5", "--missions", "1", "--no-rank")
    call_command("seed_demo", "--if-empty")
    assert "already loaded" in capsys.readouterr().out
    assert FreelancerProfile.objects.count() == 5
