"""Mission pages: the form and the lifecycle buttons (organisation pages: accounts.organisation_views)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_current_membership
from missions import services
from missions.access import get_mission_for_user
from missions.forms import MissionForm, mission_errors_show, mission_formsets
from missions.models import Mission
from profiles.cities import CITIES

DASHBOARD = "client:dashboard"


def home(request):
    """/organisation/ → the client dashboard, which lives with the rankings in matching."""
    return redirect(DASHBOARD)


@login_required
def mission_create(request):
    membership = get_current_membership(request.user)
    return _mission_form(request, mission=Mission(organisation=membership.organisation))


@login_required
def mission_edit(request, pk):
    mission = get_mission_for_user(request.user, pk)
    if mission.status == Mission.Status.CLOSED:
        messages.error(request, _("Une mission clôturée ne se modifie plus."))
        return redirect(mission)
    return _mission_form(request, mission=mission)


def _mission_form(request, *, mission: Mission):
    data = request.POST if request.method == "POST" else None
    form = MissionForm(data, instance=mission)
    formsets = mission_formsets(mission=mission, data=data)
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        try:
            mission = services.mission_save(
                mission=form.save(), by=request.user, tools=formsets["tools"].rows(),
                skills=formsets["skills"].rows(), questions=formsets["questions"].rows(),
            )
        except ValidationError as error:
            mission_errors_show(error=error, form=form, formsets=formsets)
        else:
            if "publish" in request.POST and mission.status == Mission.Status.DRAFT:
                return _lifecycle(request, mission, services.mission_publish,
                                  _("Mission publiée : le classement se calcule."))
            messages.success(request, _("Mission enregistrée."))
            return redirect(mission)
    return render(request, "missions/mission_form.html",
                  {"form": form, "mission": mission, "cities": sorted(CITIES), **formsets})


def _lifecycle(request, mission, action, success_message):
    try:
        action(mission=mission, by=request.user)
    except services.MissionStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success_message)
    return redirect(mission)


@login_required
@require_POST
def mission_publish(request, pk):
    mission = get_mission_for_user(request.user, pk)
    return _lifecycle(request, mission, services.mission_publish, _("Mission publiée : le classement se calcule."))


@login_required
@require_POST
def mission_fill(request, pk):
    mission = get_mission_for_user(request.user, pk)
    return _lifecycle(request, mission, services.mission_fill, _("Mission marquée comme pourvue."))


@login_required
@require_POST
def mission_close(request, pk):
    mission = get_mission_for_user(request.user, pk)
    return _lifecycle(request, mission, services.mission_close, _("Mission clôturée."))
