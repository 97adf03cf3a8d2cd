import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from missions.models import Mission, Recommendation
from recruiting import recommendations, shortlist
from recruiting.models import QuestionnaireAnswer, ShortlistEntry, ShortlistMove
from tests.factories import FreelancerProfileFactory, MissionFactory, QuestionFactory, RankingEntryFactory
from tests.recruiting.conftest_client import *  # noqa: F401,F403

pytestmark = pytest.mark.django_db
S = ShortlistEntry.Status


@pytest.fixture
def mission(client_org):
    mission = MissionFactory(organisation=client_org)
    QuestionFactory(mission=mission, text="Q1")
    QuestionFactory(mission=mission, text="Q2", position=1)
    return mission


@pytest.fixture
def entry(mission, client_member, freelancer):
    RankingEntryFactory(mission=mission, profile=freelancer.profile)
    return shortlist.shortlist_add(mission=mission, profile=freelancer.profile, by=client_member, note="Solide")


def test_every_status_has_a_row_in_the_transition_table():
    assert set(shortlist.TRANSITIONS) == set(S.values)
    assert all(set(targets) <= set(S.values) for targets in shortlist.TRANSITIONS.values())
    assert shortlist.TRANSITIONS[S.HIRED] == ()


def test_adding_records_the_first_move_and_adding_twice_returns_the_same_entry(entry, mission, client_member):
    assert entry.status == S.SHORTLISTED and entry.added_by == client_member
    assert list(entry.moves.values_list("from_status", "to_status", "note")) == [("", S.SHORTLISTED, "Solide")]
    assert shortlist.shortlist_add(mission=mission, profile=entry.profile, by=client_member) == entry
    assert ShortlistMove.objects.count() == 1


def test_a_move_records_its_note_author_and_date(entry, client_member):
    shortlist.shortlist_move(entry=entry, to_status=S.CONTACTED, by=client_member, note="Appel mardi")
    move = entry.moves.order_by("-id").first()
    assert (move.from_status, move.to_status, move.note, move.moved_by) == (S.SHORTLISTED, S.CONTACTED,
                                                                            "Appel mardi", client_member)
    assert move.moved_at is not None
    entry.refresh_from_db()
    assert entry.status == S.CONTACTED


def test_an_invalid_move_is_refused_with_the_allowed_ones_listed(entry, client_member):
    with pytest.raises(shortlist.ShortlistTransitionError) as error:
        shortlist.shortlist_move(entry=entry, to_status=S.HIRED, by=client_member)
    assert error.value.allowed == (S.CONTACTED, S.QUESTIONNAIRE, S.REJECTED)
    assert "Contacté" in str(error.value) and "Non retenu" in str(error.value)
    entry.refresh_from_db()
    assert entry.status == S.SHORTLISTED and entry.moves.count() == 1


def test_the_full_path_to_hired_then_nothing_more(entry, client_member):
    for status in (S.CONTACTED, S.QUESTIONNAIRE, S.TRIAL, S.HIRED):
        shortlist.shortlist_move(entry=entry, to_status=status, by=client_member)
    with pytest.raises(shortlist.ShortlistTransitionError, match="aucun"):
        shortlist.shortlist_move(entry=entry, to_status=S.REJECTED, by=client_member)


def test_a_rejected_candidate_can_be_shortlisted_again(entry, client_member):
    shortlist.shortlist_move(entry=entry, to_status=S.REJECTED, by=client_member)
    assert shortlist.shortlist_move(entry=entry, to_status=S.SHORTLISTED, by=client_member).status == S.SHORTLISTED


def test_the_shortlist_of_a_closed_mission_no_longer_changes(entry, mission, client_member):
    Mission.objects.filter(pk=mission.pk).update(status=Mission.Status.CLOSED)
    entry.refresh_from_db()
    with pytest.raises(shortlist.ShortlistError):
        shortlist.shortlist_move(entry=entry, to_status=S.CONTACTED, by=client_member)
    with pytest.raises(shortlist.ShortlistError):
        shortlist.shortlist_add(mission=entry.mission, profile=FreelancerProfileFactory(), by=client_member)


def test_removing_deletes_the_entry_and_its_history(entry, client_member):
    shortlist.shortlist_remove(entry=entry, by=client_member)
    assert not ShortlistEntry.objects.exists() and not ShortlistMove.objects.exists()


def test_sending_the_questionnaire_moves_the_entry_and_mails_the_freelancer(entry, client_member, freelancer,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
    assert entry.status == S.QUESTIONNAIRE
    assert mail.outbox[0].to == [freelancer.email]
    assert f"/missions/applications/{entry.pk}/questionnaire/" in mail.outbox[0].body


def test_a_mission_without_questions_has_no_questionnaire_to_send(client_org, client_member, freelancer):
    mission = MissionFactory(organisation=client_org)
    RankingEntryFactory(mission=mission, profile=freelancer.profile)
    entry = shortlist.shortlist_add(mission=mission, profile=freelancer.profile, by=client_member)
    with pytest.raises(shortlist.ShortlistError):
        shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)


def test_the_freelancer_answers_and_answering_again_replaces_the_answers(entry, mission, client_member, freelancer):
    shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
    q1, q2 = mission.questions.all()
    shortlist.questionnaire_answers_record(entry=entry, user=freelancer, answers={q1.pk: "R1", q2.pk: "R2"})
    shortlist.questionnaire_answers_record(entry=entry, user=freelancer, answers={q1.pk: "R1 bis", q2.pk: "R2"})
    assert dict(QuestionnaireAnswer.objects.values_list("question__text", "text")) == {"Q1": "R1 bis", "Q2": "R2"}


def test_nobody_else_answers_and_nobody_answers_before_the_questionnaire_is_sent(entry, mission, client_member,
                                                                                freelancer):
    other = FreelancerProfileFactory().user
    q1 = mission.questions.first()
    with pytest.raises(shortlist.ShortlistError):
        shortlist.questionnaire_answers_record(entry=entry, user=freelancer, answers={q1.pk: "trop tôt"})
    shortlist.shortlist_send_questionnaire(entry=entry, by=client_member)
    with pytest.raises(shortlist.ShortlistError):
        shortlist.questionnaire_answers_record(entry=entry, user=other, answers={q1.pk: "pas moi"})
    foreign = QuestionFactory()
    with pytest.raises(shortlist.ShortlistError):
        shortlist.questionnaire_answers_record(entry=entry, user=freelancer, answers={foreign.pk: "autre mission"})
    assert not QuestionnaireAnswer.objects.exists()


def test_a_recommendation_needs_an_ended_mission_and_a_consultant_who_worked_on_it(entry, mission, client_member):
    profile = entry.profile
    with pytest.raises(ValidationError):
        recommendations.recommendation_create(mission=mission, profile=profile, rating=5, text="", by=client_member)
    for status in (S.CONTACTED, S.TRIAL, S.HIRED):
        shortlist.shortlist_move(entry=entry, to_status=status, by=client_member)
    mission.status = Mission.Status.FILLED
    mission.save()
    recommendation = recommendations.recommendation_create(mission=mission, profile=profile, rating=4,
                                                           text="Rigoureux", by=client_member)
    assert (recommendation.rating, recommendation.organisation) == (4, mission.organisation)
    with pytest.raises(ValidationError, match="déjà"):
        recommendations.recommendation_create(mission=mission, profile=profile, rating=5, text="", by=client_member)
    assert Recommendation.objects.count() == 1


def test_a_recommendation_counts_in_the_next_ranking(ranked_mission, client_member):
    from matching.models import RankingEntry

    profile = ranked_mission.candidates[2]
    before = RankingEntry.objects.get(mission=ranked_mission, profile=profile).explained()
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=profile, by=client_member)
    for status in (S.CONTACTED, S.TRIAL, S.HIRED):
        shortlist.shortlist_move(entry=entry, to_status=status, by=client_member)
    ranked_mission.status = Mission.Status.FILLED
    ranked_mission.save()
    recommendations.collaboration_confirm(entry=entry, user=profile.user)
    recommendations.recommendation_create(mission=ranked_mission, profile=profile, rating=5, text="",
                                          by=client_member)
    other = MissionFactory(organisation=ranked_mission.organisation)
    from tests.factories import MissionToolFactory
    MissionToolFactory(mission=other)
    rank(other)  # noqa: F405
    after = RankingEntry.objects.get(mission=other, profile=profile).explained()
    reputation = {i["criterion"]: i for i in before}["reputation"], {i["criterion"]: i for i in after}["reputation"]
    assert reputation[1]["reason"]["params"]["count"] == 1
    assert reputation[1]["score"] > reputation[0]["score"]
