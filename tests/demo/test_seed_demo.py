import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Organisation, User
from demo.demo_data import DEMO_CLIENT, DEMO_FREELANCER, DEMO_PASSWORD, DEMO_RECRUITER
from matching.engine.bands import band_for
from matching.models import MissionRanking, RankingEntry
from matching.services import mission_profile_explain
from missions.models import Mission
from profiles.models import FreelancerProfile

pytestmark = pytest.mark.django_db
HOMES = {DEMO_FREELANCER: "/profile/", DEMO_CLIENT: "/missions/", DEMO_RECRUITER: "/missions/"}


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


def test_the_demo_accounts_log_in_through_the_form_and_land_on_their_home(client):
    call_command("seed_demo", "--profiles", "30", "--missions", "10")
    cache.clear()  # allauth's log-in limits live in the cache
    for email, home in HOMES.items():
        response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
        assert (response.status_code, response.url) == (302, home), email
        page = client.get(home)
        assert page.status_code == 200 and page.wsgi_request.user.email == email
        client.post(reverse("account_logout"))
        # The browser log-in left the account able to get an API token.
        token = APIClient().post("/api/v1/auth/token/", {"email": email, "password": DEMO_PASSWORD}, format="json")
        assert token.status_code == 201, token.content

    freelancer, client_user, recruiter = (User.objects.get(email=e) for e in HOMES)
    assert freelancer.profile.is_visible
    client_org = client_user.organisations.get()
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


def test_the_demo_freelancer_is_ranked_on_five_missions_and_excluded_from_three_for_several_reasons():
    call_command("seed_demo", "--profiles", "200", "--missions", "10")
    profile = FreelancerProfile.objects.get(user__email=DEMO_FREELANCER)
    ranks = list(RankingEntry.objects.filter(profile=profile).values_list("rank", flat=True))
    assert len(ranks) >= 5
    assert sum(rank <= 10 for rank in ranks) >= 2

    ranked_missions = RankingEntry.objects.filter(profile=profile).values("mission")
    unranked = Mission.objects.filter(pk__in=MissionRanking.objects.values("mission")).exclude(pk__in=ranked_missions)
    reasons = {m.pk: [r["code"] for r in mission_profile_explain(mission=m, profile=profile).excluded_reasons]
               for m in unranked}
    excluded = {pk: codes for pk, codes in reasons.items() if codes}
    assert len(excluded) >= 3
    assert len({code for codes in excluded.values() for code in codes}) >= 2


@pytest.mark.django_db(transaction=True)
def test_the_demo_missions_have_good_candidates_and_weak_ones():
    """What a newcomer sees first: each mission's best candidates read as good or excellent, and the scale still
    separates them from weak ones (a uniform draw of must-haves once left every candidate weak)."""
    call_command("seed_demo", "--profiles", "600", "--missions", "12")
    best = [row["best"] for row in RankingEntry.objects.values("mission").annotate(best=Max("score"))]
    assert best and sum(band_for(score) in ("good", "excellent") for score in best) >= 0.75 * len(best)
    bands = {band_for(score) for score in RankingEntry.objects.values_list("score", flat=True)}
    assert {"excellent", "weak"} <= bands
    # Some freelancers say what they look for: clients see candidates outside their preferences, never hidden.
    assert RankingEntry.objects.filter(fits_preferences=False).exists()
    assert RankingEntry.objects.filter(fits_preferences=True).exists()
