"""The freelancer's profile editor (overview and one page per section), the CV upload and the profile page."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from profiles.access import get_profile_for_user
from profiles.choices import Role, WorkMode
from profiles.completeness import profile_completeness
from profiles.cv import CvSizeLimitUploadHandler
from profiles.forms import CvForm
from profiles.models import FreelancerProfile
from profiles.sections import SECTIONS, SECTIONS_BY_KEY, next_section
from profiles.services import profile_cv_remove, profile_cv_replace, profile_for_user, profile_rows_save, profile_update


def _own_profile(request) -> FreelancerProfile:
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404  # organisation and staff accounts have no freelancer profile
    return profile


def _editor_context(profile, section=None, **extra):
    saved = FreelancerProfile.objects.get(pk=profile.pk)  # the meter shows what is stored, not what was posted
    return {"profile": saved, "completeness": profile_completeness(saved), "sections": SECTIONS,
            "section": section, **extra}


@login_required
def overview(request):
    profile = _own_profile(request)
    return render(request, "profiles/overview.html", _editor_context(profile))


@login_required
def section_edit(request, key):
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        raise Http404
    if key == "cv":
        return redirect("freelancer:profile_cv")
    profile = _own_profile(request)
    data = request.POST if request.method == "POST" else None
    form = section.form_class(data, instance=profile, prefix="profile") if section.form_class else None
    formset = section.formset_class(data, instance=profile, prefix=key) if section.formset_class else None
    if data is not None and (form is None or form.is_valid()) and (formset is None or formset.is_valid()):
        fields = {name: form.cleaned_data[name] for name in form.fields} if form else {}
        try:
            if formset is not None:
                profile_rows_save(profile=profile, formset=formset, fields=fields)
            else:
                profile_update(profile=profile, **fields)
        except ValidationError as error:
            (form or formset.forms[0]).add_error(None, error)
        else:
            messages.success(request, _("Section « %(title)s » enregistrée.") % {"title": section.title})
            following = next_section(key)
            if request.POST.get("then") == "next" and following:
                return redirect("freelancer:profile_edit", key=following.key)
            return redirect("freelancer:profile_edit", key=key)
    return render(request, "profiles/section.html", _editor_context(
        profile, section, form=form, formset=formset, next=next_section(key)))


@csrf_exempt  # the size limit must be installed before the body is parsed; CSRF is checked just below
def cv_edit(request):
    request.upload_handlers.insert(0, CvSizeLimitUploadHandler(request))
    return _cv_edit(request)


@csrf_protect
@login_required
def _cv_edit(request):
    profile = _own_profile(request)
    form = CvForm()
    if request.method == "POST" and request.POST.get("action") == "remove":
        profile_cv_remove(profile=profile)
        messages.success(request, _("CV retiré."))
        return redirect("freelancer:profile_cv")
    if request.method == "POST":
        form = CvForm(request.POST, request.FILES, too_large=getattr(request, "cv_too_large", False))
        if form.is_valid():
            try:
                profile_cv_replace(profile=profile, upload=form.cleaned_data["cv"])
            except ValidationError as error:
                form.add_error("cv", error)
            else:
                messages.success(request, _("CV enregistré."))
                return redirect("freelancer:profile_cv")
    return render(request, "profiles/cv.html", _editor_context(
        profile, SECTIONS_BY_KEY["cv"], form=form, next=None))


def _public_context(profile, **extra):
    return {"profile": profile, "roles": [Role(code).label for code in profile.roles if code in Role.values],
            "work_modes": [WorkMode(code).label for code in profile.work_modes if code in WorkMode.values], **extra}


@login_required
def preview(request):
    profile = get_profile_for_user(request.user, _own_profile(request).pk)
    return render(request, "profiles/public.html", _public_context(
        profile, is_preview=True, edit_url=reverse("freelancer:profile")))


@login_required
def public(request, pk):
    """The profile as clients see it: no e-mail or phone here (the shortlist pages of matching show them)."""
    profile = get_profile_for_user(request.user, pk)
    return render(request, "profiles/public.html", _public_context(profile, is_preview=False))
