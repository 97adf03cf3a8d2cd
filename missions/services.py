"""Mission workflows: a mission saved with its parts under every rule, and its lifecycle.

Mission saves go through the ORM (`save()`), never `queryset.update()`: the matching
app listens to those saves to refresh the ranking.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from missions.models import Mission, MissionSkill, MissionTool, QuestionnaireQuestion
from missions.weights import DEFAULT_WEIGHTS, WeightsError, merged_weights, validate_weights
from profiles.cities import coordinates


class MissionStateError(ValueError):
    """A lifecycle change that the mission's current status does not allow."""


# Which statuses each lifecycle action starts from, and where it leads.
MISSION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({Mission.Status.DRAFT}), Mission.Status.OPEN),
    "fill": (frozenset({Mission.Status.OPEN}), Mission.Status.FILLED),
    "close": (frozenset({Mission.Status.DRAFT, Mission.Status.OPEN, Mission.Status.FILLED}), Mission.Status.CLOSED),
}


# ---------------------------------------------------------------- missions
@transaction.atomic
def mission_save(
    *, mission: Mission, by: User, tools: Iterable[Mapping], skills: Iterable[Mapping],
    questions: Iterable[Mapping],
) -> Mission:
    """Save a mission (new or edited) with its required tools and skills and its questionnaire.

    tools: {"tool", "importance", "min_proficiency"}; skills: {"skill", "importance"};
    questions: {"id" (None for a new one), "text"}, in display order. Questions left out are
    deleted with their answers; kept ones keep their answers. Raises ValidationError (see
    mission_validate) and then writes nothing.
    """
    tools, skills, questions = list(tools), list(skills), list(questions)
    mission_validate(mission=mission, tools=tools, skills=skills, questions=questions)
    # Only the weights that differ from the defaults are stored: a later change of a default reaches them.
    mission.weights = {c: w for c, w in merged_weights(mission.weights).items() if w != DEFAULT_WEIGHTS[c]}
    if mission.pk is None:
        mission.created_by = by
    if mission.city:
        mission.latitude, mission.longitude = coordinates(mission.city)
    else:
        mission.latitude = mission.longitude = None
    # Requirements first, the mission row last: its save is what triggers the re-ranking.
    is_new = mission.pk is None
    if is_new:
        mission.save()
    mission.tool_requirements.all().delete()
    MissionTool.objects.bulk_create([
        MissionTool(mission=mission, tool=row["tool"], importance=row["importance"],
                    min_proficiency=row.get("min_proficiency") or 2)
        for row in tools
    ])
    mission.skill_requirements.all().delete()
    MissionSkill.objects.bulk_create([
        MissionSkill(mission=mission, skill=row["skill"], importance=row["importance"]) for row in skills
    ])
    _questions_save(mission=mission, questions=list(questions))
    if not is_new:
        mission.save()
    return mission


# Each list of a mission's parts: the model of its rows, the field that may appear once, the fields checked
# on each row (the related objects come as model instances, already found).
_PARTS = {
    "tools": (MissionTool, "tool", ("importance", "min_proficiency")),
    "skills": (MissionSkill, "skill", ("importance",)),
    "questions": (QuestionnaireQuestion, "text", ("text",)),
}


def mission_validate(*, mission: Mission, tools: list[Mapping], skills: list[Mapping],
                     questions: list[Mapping]) -> None:
    """Every rule of a mission with its parts, checked together so that a caller shows them all at once.

    Raises ValidationError keyed by the mission's field names, "weights.<criterion>", "<list>.<index>.<field>"
    (tools, skills, questions; the index in the list given) and "__all__" for the mission as a whole.
    """
    errors: dict[str, list] = {}
    try:
        mission.full_clean(exclude=["organisation", "created_by", "sector"], validate_unique=False,
                           validate_constraints=False)
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        validate_weights(mission.weights)
    except WeightsError as error:
        for key, message in error.errors.items():
            errors.setdefault(key if key == NON_FIELD_ERRORS else f"weights.{key}", []).append(message)
    for name, rows in (("tools", tools), ("skills", skills), ("questions", questions)):
        model, unique, checked = _PARTS[name]
        seen = set()
        for index, row in enumerate(rows):
            try:
                model(**{key: row[key] for key in checked if row.get(key) is not None}).clean_fields(
                    exclude=[field.name for field in model._meta.fields if field.name not in checked])
            except ValidationError as error:
                errors.update({f"{name}.{index}.{field}": messages for field, messages in error.error_dict.items()})
            if row[unique] in seen:
                errors[f"{name}.{index}.{unique}"] = [_("Cet élément est déjà demandé plus haut.")]
            seen.add(row[unique])
    if errors:
        raise ValidationError(errors)


def _questions_save(*, mission: Mission, questions: list[Mapping]) -> None:
    existing = {q.pk: q for q in mission.questions.all()}
    kept = []
    for position, row in enumerate(questions):
        question = existing.get(row.get("id"))
        if question is None:
            question = QuestionnaireQuestion(mission=mission)
        question.position, question.text = position, row["text"]
        question.save()
        kept.append(question.pk)
    mission.questions.exclude(pk__in=kept).delete()


def _mission_transition(*, mission: Mission, action: str) -> Mission:
    sources, target = MISSION_TRANSITIONS[action]
    mission = Mission.objects.select_for_update().get(pk=mission.pk)
    if mission.status not in sources:
        raise MissionStateError(
            _("Impossible depuis le statut « %(status)s ».") % {"status": mission.get_status_display()}
        )
    mission.status = target
    if action == "publish":
        mission.published_at = timezone.now()
    mission.save()
    return mission


@transaction.atomic
def mission_publish(*, mission: Mission, by: User) -> Mission:
    """Draft → open. Saving the open mission is what gets it ranked (matching reacts to the save)."""
    if mission.start_date < timezone.localdate():
        raise MissionStateError(_("La date de début est passée : modifiez-la avant de publier."))
    return _mission_transition(mission=mission, action="publish")


@transaction.atomic
def mission_fill(*, mission: Mission, by: User) -> Mission:
    """Open → filled: the consultant is found."""
    return _mission_transition(mission=mission, action="fill")


@transaction.atomic
def mission_close(*, mission: Mission, by: User) -> Mission:
    """Draft, open or filled → closed."""
    return _mission_transition(mission=mission, action="close")


# The lifecycle service that leads to each status.
_STATUS_ACTIONS = {
    Mission.Status.OPEN: mission_publish,
    Mission.Status.FILLED: mission_fill,
    Mission.Status.CLOSED: mission_close,
}


@transaction.atomic
def mission_save_and_move(*, mission: Mission, by: User, tools, skills, questions, status: str | None) -> Mission:
    """Save the mission with its parts, then move it to `status` if asked; one transaction, so a
    refused move (MissionStateError) leaves the mission as it was."""
    mission = mission_save(mission=mission, by=by, tools=tools, skills=skills, questions=questions)
    if not status or status == mission.status:
        return mission
    action = _STATUS_ACTIONS.get(status)
    if action is None:
        raise MissionStateError(_("Une mission ne revient pas au brouillon."))
    return action(mission=mission, by=by)
