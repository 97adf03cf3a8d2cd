"""Issue 13, items 2 and 6: a recommendation counts as verified only once the freelancer confirms the
collaboration, an organisation holds one unconfirmed recommendation per freelancer, and a freelancer gets
one e-mail per mission and kind, whose client-written text is quoted as such."""
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.loaders import profile_features
from missions.models import Mission, Recommendation
from recruiting import recommendations, shortlist
from recruiting.models import ShortlistEntry
from tests.factories import MissionFactory, QuestionFactory, RankingEntryFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
S = ShortlistEntry.Status


def _worked_on(mission, profile, by):
    """Shortlist → contacted → trial → hired, then the mission is filled: as the organisation alone can do."""
    RankingEntryFactory(mission=mission, profile=profile)
    entry = shortlist.shortlist_add(mission=mission, profile=profile, by=by)
    for status in (S.CONTACTED, S.TRIAL, S.HIRED):
        entry = shortlist.shortlist_move(entry=entry, to_status=status, by=by)
    Mission.objects.filter(pk=mission.pk).update(status=Mission.Status.FILLED)
    return ShortlistEntry.objects.select_related("mission", "profile").get(pk=entry.pk)


@pytest.fixture
def hired(client_org, client_member, freelancer):
    return _worked_on(MissionFactory(organisation=client_org), freelancer.profile, client_member)


def test_an_organisations_own_statuses_do_not_verify_its_recommendation(hired, client_member):
    recommendation = recommendations.recommendation_create(mission=hired.mission, profile=hired.profile, rating=1,
                                                           text="", by=client_member)
    assert recommendation.verified is False


def test_the_freelancers_confirmation_verifies_it_and_a_denial_takes_it_back(hired, client_member, freelancer):
    recommendation = recommendations.recommendation_create(mission=hired.mission, profile=hired.profile, rating=5,
                                                           text="Excellent", by=client_member)
    recommendations.collaboration_confirm(entry=hired, user=freelancer)
    recommendation.refresh_from_db()
    assert recommendation.verified
    recommendations.collaboration_decline(entry=hired, user=freelancer)
    recommendation.refresh_from_db()
    assert not recommendation.verified


def test_a_confirmed_collaboration_verifies_a_recommendation_written_after_it(hired, client_member, freelancer):
    recommendations.collaboration_confirm(entry=hired, user=freelancer)
    assert recommendations.recommendation_create(mission=hired.mission, profile=hired.profile, rating=4, text="",
                                                 by=client_member).verified


def test_nobody_but_the_freelancer_confirms(hired, client_member, other_org_member):
    for user in (client_member, other_org_member):
        with pytest.raises(shortlist.ShortlistError):
            recommendations.collaboration_confirm(entry=hired, user=user)


def test_one_unconfirmed_recommendation_per_organisation_and_freelancer(hired, client_org, client_member, freelancer):
    """The review's attack: five missions, five 1-star recommendations."""
    recommendations.recommendation_create(mission=hired.mission, profile=hired.profile, rating=1, text="",
                                          by=client_member)
    second = _worked_on(MissionFactory(organisation=client_org), freelancer.profile, client_member)
    with pytest.raises(ValidationError, match="non confirmée"):
        recommendations.recommendation_create(mission=second.mission, profile=second.profile, rating=1, text="",
                                              by=client_member)
    recommendations.collaboration_confirm(entry=second, user=freelancer)
    assert recommendations.recommendation_create(mission=second.mission, profile=second.profile, rating=4,
                                                 text="", by=client_member).verified
    assert Recommendation.objects.filter(profile=freelancer.profile).count() == 2


def test_unconfirmed_recommendations_weigh_less_in_the_reputation(db):
    verified, unverified = (RecommendationFactory(rating=1, verified=v).profile for v in (True, False))
    for _ in range(4):
        RecommendationFactory(profile=verified, rating=1, verified=True)
        RecommendationFactory(profile=unverified, rating=1, verified=False)
    features = {f.id: f for f in profile_features([verified.pk, unverified.pk])}
    assert features[verified.pk].reputation_count == features[unverified.pk].reputation_count == 5
    assert features[unverified.pk].reputation_weight == pytest.approx(1.25)
    assert features[verified.pk].reputation_weight == pytest.approx(5.0)


def test_the_freelancer_confirms_answers_and_reports_from_the_workspace(client, hired, client_member, freelancer,
                                                                        other_freelancer):
    recommendation = recommendations.recommendation_create(mission=hired.mission, profile=hired.profile, rating=2,
                                                           text="Bof", by=client_member)
    client.force_login(other_freelancer)
    assert client.post(reverse("freelancer:collaboration", args=[hired.pk]), {"answer": "confirm"}).status_code == 404
    assert client.post(reverse("freelancer:recommendation_report", args=[recommendation.pk]),
                       {"reason": "x"}).status_code == 404
    client.force_login(freelancer)
    page = client.get(reverse("freelancer:my_applications")).content.decode()
    assert "non confirmée" in page and "Oui, je confirme" in page
    client.post(reverse("freelancer:collaboration", args=[hired.pk]), {"answer": "confirm"})
    client.post(reverse("freelancer:recommendation_respond", args=[recommendation.pk]), {"text": "Merci quand même"})
    client.post(reverse("freelancer:recommendation_report", args=[recommendation.pk]), {"reason": "Jamais vu ce client"})
    recommendation.refresh_from_db()
    assert recommendation.verified and recommendation.response == "Merci quand même"
    assert recommendation.reported_at is not None and recommendation.report_reason == "Jamais vu ce client"


def test_a_recommendation_mails_the_freelancer_once(hired, client_member, freelancer,
                                                   django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        recommendations.recommendation_create(mission=hired.mission, profile=hired.profile, rating=5, text="",
                                              by=client_member)
    assert [m.to for m in mail.outbox] == [[freelancer.email]]
    assert "/missions/applications/" in mail.outbox[0].body


@pytest.fixture
def with_questions(client_org, client_member, freelancer):
    mission = MissionFactory(organisation=client_org, title="Cliquez ici : http://phishing.example")
    QuestionFactory(mission=mission)
    RankingEntryFactory(mission=mission, profile=freelancer.profile)
    return shortlist.shortlist_add(mission=mission, profile=freelancer.profile, by=client_member)


def test_cycling_a_candidate_sends_the_questionnaire_email_once(with_questions, client_member,
                                                               django_capture_on_commit_callbacks):
    entry = with_questions
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            entry = shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
            entry = shortlist.shortlist_move(entry=entry, to_status=S.REJECTED, by=client_member)
            entry = shortlist.shortlist_move(entry=entry, to_status=S.SHORTLISTED, by=client_member)
    assert len(mail.outbox) == 1


def test_removing_and_adding_again_does_not_send_it_again(with_questions, client_member,
                                                         django_capture_on_commit_callbacks):
    entry = with_questions
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
        shortlist.shortlist_remove(entry=entry, by=client_member)
        entry = shortlist.shortlist_add(mission=entry.mission, profile=entry.profile, by=client_member)
        shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
    assert len(mail.outbox) == 1


def test_client_written_text_is_quoted_and_never_in_the_subject(with_questions, client_member,
                                                                django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        shortlist.shortlist_send_questionnaire(entry=with_questions, by=client_member)
    message = mail.outbox[0]
    assert "phishing" not in message.subject and with_questions.mission.organisation.name not in message.subject
    assert "(ses mots, pas ceux d'AMOE match)" in message.body
    assert f"« {with_questions.mission.title} »" in message.body
