import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import RankingEntry
from missions.models import Mission, Recommendation
from recruiting import shortlist
from recruiting.models import QuestionnaireAnswer, ShortlistEntry
from tests.factories import FreelancerProfileFactory, MissionFactory, MissionToolFactory
from tests.recruiting.conftest_client import *  # noqa: F401,F403
from tests.recruiting.conftest_client import make_candidate, rank

pytestmark = pytest.mark.django_db
S = ShortlistEntry.Status


def test_the_mission_page_ranks_candidates_best_first_with_bars_reasons_and_exclusions(client, client_member,
                                                                                       ranked_mission):
    client.force_login(client_member)
    response = client.get(ranked_mission.get_absolute_url())
    html = response.content.decode()
    candidates = response.context["candidates"]
    scores = [c["entry"].score for c in candidates]
    assert len(candidates) == 5 and scores == sorted(scores, reverse=True)
    lines = [len(c["entry"].explained()) for c in candidates]  # nine criteria, and any gate of engine v2
    assert min(lines) >= 9 and candidates[0]["bars"].count('class="criterion"') == lines[0]
    assert html.count('class="criterion"') == sum(lines)
    assert "ans d&#x27;expérience pour 4 requis" in html  # the seniority reason in plain words
    assert "1 non disponible à temps" in html and "1 au-dessus de votre plafond de TJM" in html
    assert 'aria-label="Score' in html


def test_the_mission_page_speaks_english_when_asked(client, client_member, ranked_mission):
    client.force_login(client_member)
    client.cookies["django_language"] = "en"
    html = client.get(ranked_mission.get_absolute_url()).content.decode()
    assert "of experience for the 4 required" in html


@pytest.mark.parametrize(("params", "expected"), [
    ({"min_score": 101}, 5),  # invalid filter value: ignored, never a 500
    ({"max_rate": 600}, 3),
    ({"available_by": (datetime.date.today() - datetime.timedelta(days=1)).isoformat()}, 0),
    ({"work_mode": "remote"}, 5),
])
def test_filters_narrow_the_candidates(client, client_member, ranked_mission, params, expected):
    client.force_login(client_member)
    response = client.get(ranked_mission.get_absolute_url(), params)
    assert response.status_code == 200
    assert len(response.context["candidates"]) == expected


def test_the_minimum_score_and_work_mode_filters(client, client_member, ranked_mission):
    remote_only = ranked_mission.candidates[0]
    remote_only.work_modes = ["on_site"]
    remote_only.save()
    client.force_login(client_member)
    scores = sorted(RankingEntry.objects.filter(mission=ranked_mission).values_list("score", flat=True))
    response = client.get(ranked_mission.get_absolute_url(), {"min_score": int(scores[2]) + 1})
    assert all(c["entry"].score >= int(scores[2]) + 1 for c in response.context["candidates"])
    assert len(response.context["candidates"]) <= 2
    response = client.get(ranked_mission.get_absolute_url(), {"work_mode": "remote"})
    assert remote_only.pk not in [c["profile"].pk for c in response.context["candidates"]]


def test_contact_details_show_only_once_shortlisted(client, client_member, ranked_mission):
    client.force_login(client_member)
    profile = ranked_mission.candidates[0]
    html = client.get(ranked_mission.get_absolute_url()).content.decode()
    assert profile.user.email not in html
    response = client.post(reverse("client:shortlist_add", args=[ranked_mission.pk]), {"profile": profile.pk})
    assert response.status_code == 302
    html = client.get(ranked_mission.get_absolute_url()).content.decode()
    assert profile.user.email in html and "06 12 34 56 78" in html
    assert html.count("mailto:") == 1


def test_only_a_ranked_candidate_of_the_mission_can_be_shortlisted_from_the_page(client, client_member,
                                                                                 ranked_mission):
    client.force_login(client_member)
    stranger = FreelancerProfileFactory()
    response = client.post(reverse("client:shortlist_add", args=[ranked_mission.pk]), {"profile": stranger.pk},
                           follow=True)
    assert "Seul un candidat du classement de cette mission" in response.content.decode()
    assert not ShortlistEntry.objects.exists()


def test_three_candidates_side_by_side_with_every_criterion_and_profile_fact(client, client_member, ranked_mission):
    client.force_login(client_member)
    ids = [p.pk for p in ranked_mission.candidates[:3]]
    response = client.get(reverse("client:compare", args=[ranked_mission.pk]), {"p": ids})
    html = response.content.decode()
    assert [c.profile.pk for c in response.context["candidates"]] == ids
    assert len(response.context["criteria"]) == 9
    for row in ("Diplômes", "Parcours", "Années par secteur", "Outils maîtrisés", "Niveau d", "TJM demandé",
                "Disponible à partir du", "Recommandations reçues", "Diplôme d&#x27;ingénieur", "Microsoft Project", "Excellent suivi de chantier"):
        assert row in html, row


@pytest.mark.parametrize("count", [1, 5])
def test_comparing_fewer_than_two_or_more_than_four_sends_back_with_a_message(client, client_member, ranked_mission,
                                                                             count):
    client.force_login(client_member)
    ids = [p.pk for p in ranked_mission.candidates[:count]]
    response = client.get(reverse("client:compare", args=[ranked_mission.pk]), {"p": ids}, follow=True)
    assert response.redirect_chain[-1][0] == ranked_mission.get_absolute_url()
    assert "de 2 à 4 candidats" in response.content.decode()


def test_the_dashboard_counts_candidates_above_the_chosen_score_and_shortlist_progress(client, client_member,
                                                                                      ranked_mission):
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=ranked_mission.candidates[0], by=client_member)
    shortlist.shortlist_add(mission=ranked_mission, profile=ranked_mission.candidates[1], by=client_member)
    shortlist.shortlist_move(entry=entry, to_status=S.CONTACTED, by=client_member)
    draft = MissionFactory(organisation=ranked_mission.organisation, status=Mission.Status.DRAFT)
    client.force_login(client_member)
    threshold = sorted(RankingEntry.objects.filter(mission=ranked_mission).values_list("score", flat=True))[2]
    response = client.get(reverse("client:dashboard"), {"min_score": int(threshold)})
    rows = {row.mission.pk: row for row in response.context["rows"]}
    assert set(rows) == {ranked_mission.pk, draft.pk}
    assert rows[ranked_mission.pk].above >= 3 and rows[ranked_mission.pk].ranked == 5
    assert rows[ranked_mission.pk].progress == {S.SHORTLISTED: 1, S.CONTACTED: 1}
    assert rows[draft.pk].above == 0
    assert "Contacté" in response.content.decode()


def test_a_member_of_another_organisation_gets_404_everywhere_on_the_mission(client, client_member, other_org_member,
                                                                           ranked_mission):
    profile = ranked_mission.candidates[0]
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=profile, by=client_member)
    shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
    question = ranked_mission.questions.get()
    shortlist.questionnaire_answers_record(entry=entry, user=profile.user, answers={question.pk: "Secret"})
    client.force_login(other_org_member)
    pk = ranked_mission.pk
    gets = [ranked_mission.get_absolute_url(), reverse("client:compare", args=[pk]) + f"?p={profile.pk}&p={ranked_mission.candidates[1].pk}",
            reverse("client:shortlist", args=[pk]), reverse("client:shortlist_entry", args=[pk, entry.pk]),
            reverse("client:recommend", args=[pk, profile.pk])]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [reverse("client:shortlist_add", args=[pk]), reverse("client:shortlist_move", args=[pk, entry.pk]),
             reverse("client:shortlist_remove", args=[pk, entry.pk]),
             reverse("client:shortlist_questionnaire", args=[pk, entry.pk])]
    for url in posts:
        assert client.post(url, {"profile": profile.pk, "to_status": S.REJECTED}).status_code == 404, url
    # Their own entry id under their own mission does not reach another organisation's entry either.
    own = MissionFactory(organisation=other_org_member.organisations.get())
    assert client.get(reverse("client:shortlist_entry", args=[own.pk, entry.pk])).status_code == 404
    assert "Secret" not in client.get(reverse("client:dashboard")).content.decode()
    entry.refresh_from_db()
    assert entry.status == S.QUESTIONNAIRE


def test_the_shortlist_shows_answers_moves_and_lets_members_move_and_remove(client, client_member, ranked_mission):
    profile = ranked_mission.candidates[0]
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=profile, by=client_member)
    client.force_login(client_member)
    url = reverse("client:shortlist", args=[ranked_mission.pk])
    client.post(reverse("client:shortlist_questionnaire", args=[ranked_mission.pk, entry.pk]))
    question = ranked_mission.questions.get()
    shortlist.questionnaire_answers_record(entry=entry, user=profile.user, answers={question.pk: "Un hôpital de 400 lits"})
    html = client.get(url).content.decode()
    assert "Un hôpital de 400 lits" in html and question.text in html
    response = client.post(reverse("client:shortlist_move", args=[ranked_mission.pk, entry.pk]),
                           {"to_status": S.HIRED, "note": "trop vite"}, follow=True)
    assert "Statuts possibles : Période d&#x27;essai, Non retenu" in response.content.decode()
    client.post(reverse("client:shortlist_move", args=[ranked_mission.pk, entry.pk]),
                {"to_status": S.TRIAL, "note": "Essai de deux semaines"})
    entry.refresh_from_db()
    assert entry.status == S.TRIAL
    detail = client.get(reverse("client:shortlist_entry", args=[ranked_mission.pk, entry.pk])).content.decode()
    assert "Essai de deux semaines" in detail and "Un hôpital de 400 lits" in detail
    client.post(reverse("client:shortlist_remove", args=[ranked_mission.pk, entry.pk]))
    assert not ShortlistEntry.objects.exists()


def test_the_client_recommends_a_hired_freelancer_once_the_mission_is_filled(client, client_member, ranked_mission):
    profile = ranked_mission.candidates[0]
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=profile, by=client_member)
    for status in (S.CONTACTED, S.TRIAL, S.HIRED):
        shortlist.shortlist_move(entry=entry, to_status=status, by=client_member)
    client.force_login(client_member)
    url = reverse("client:recommend", args=[ranked_mission.pk, profile.pk])
    response = client.post(url, {"rating": 5, "text": "Parfait"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.post(reverse("client:mission_fill", args=[ranked_mission.pk]))
    assert client.post(url, {"rating": 9, "text": "x"}).status_code == 200  # invalid rating: a field error
    assert client.post(url, {"rating": 5, "text": "Parfait"}).status_code == 302
    assert Recommendation.objects.get(mission=ranked_mission).text == "Parfait"
    assert "Recommandation laissée" in client.get(reverse("client:shortlist", args=[ranked_mission.pk])).content.decode()


def test_a_freelancer_sees_their_own_statuses_and_answers_the_questionnaire_in_the_browser(client, client_member,
                                                                                          ranked_mission):
    mine, theirs = ranked_mission.candidates[0], ranked_mission.candidates[1]
    my_entry = shortlist.shortlist_add(mission=ranked_mission, profile=mine, by=client_member)
    their_entry = shortlist.shortlist_add(mission=ranked_mission, profile=theirs, by=client_member)
    shortlist.shortlist_send_questionnaire(entry=my_entry, by=client_member)
    shortlist.shortlist_send_questionnaire(entry=their_entry, by=client_member)
    client.force_login(mine.user)
    response = client.get(reverse("freelancer:my_applications"))
    assert [e.pk for e in response.context["entries"]] == [my_entry.pk]
    url = reverse("freelancer:questionnaire_answer", args=[my_entry.pk])
    question = ranked_mission.questions.get()
    assert client.get(url).status_code == 200
    assert client.post(url, {f"q{question.pk}": ""}).status_code == 200  # required: a field error
    assert client.post(url, {f"q{question.pk}": "Le CHU de Lyon"}).status_code == 302
    assert QuestionnaireAnswer.objects.get().text == "Le CHU de Lyon"


def test_a_freelancer_cannot_see_other_freelancers_shortlist_statuses(client, client_member, ranked_mission):
    mine, theirs = ranked_mission.candidates[0], ranked_mission.candidates[1]
    shortlist.shortlist_add(mission=ranked_mission, profile=mine, by=client_member)
    their_entry = shortlist.shortlist_add(mission=ranked_mission, profile=theirs, by=client_member)
    shortlist.shortlist_send_questionnaire(entry=their_entry, by=client_member)
    client.force_login(mine.user)
    assert client.get(reverse("freelancer:questionnaire_answer", args=[their_entry.pk])).status_code == 404
    assert client.post(reverse("freelancer:questionnaire_answer", args=[their_entry.pk]), {}).status_code == 404
    for url in (ranked_mission.get_absolute_url(), reverse("client:shortlist", args=[ranked_mission.pk]),
                reverse("client:shortlist_entry", args=[ranked_mission.pk, their_entry.pk])):
        assert client.get(url).status_code == 404, url
    html = client.get(reverse("freelancer:my_applications")).content.decode()
    assert html.count("status-") == 1


def _query_count(client, url):
    cache.clear()  # labels and rendered breakdowns: both counts from a cold cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_run_a_fixed_number_of_queries_whatever_the_number_of_rows(client, client_org, client_member):
    mission = MissionFactory(organisation=client_org)
    MissionToolFactory(mission=mission)
    first = [make_candidate(years=y) for y in (3, 6)]
    rank(mission)
    for p in first:
        shortlist.shortlist_add(mission=mission, profile=p, by=client_member)
    client.force_login(client_member)
    urls = [mission.get_absolute_url(), reverse("client:shortlist", args=[mission.pk]), reverse("client:dashboard"),
            reverse("client:compare", args=[mission.pk]) + f"?p={first[0].pk}&p={first[1].pk}"]
    before = [_query_count(client, url) for url in urls]
    more = [make_candidate(years=y) for y in (4, 5, 7, 8, 9)]
    rank(mission)
    for p in more:
        entry = shortlist.shortlist_add(mission=mission, profile=p, by=client_member)
        shortlist.shortlist_move(entry=entry, to_status=S.CONTACTED, by=client_member)
    MissionFactory.create_batch(3, organisation=client_org)
    urls[-1] = reverse("client:compare", args=[mission.pk]) + "".join(
        f"{'&' if i else '?'}p={p.pk}" for i, p in enumerate(more[:4]))
    after = [_query_count(client, url) for url in urls]
    assert after == before
