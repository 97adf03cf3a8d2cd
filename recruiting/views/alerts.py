"""The freelancer's alerts: the daily digest they subscribe to, and the one-click unsubscribe link."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from profiles.services import profile_for_user
from recruiting.alerts import digest_subscribe, digest_unsubscribe, digest_unsubscribe_by_token
from recruiting.models import DigestSubscription


class AlertsForm(forms.Form):
    subscribed = forms.BooleanField(label=gettext_lazy("Recevoir chaque jour les nouvelles missions qui me classent"),
                                    required=False)
    mode = forms.ChoiceField(
        label=gettext_lazy("Quelles missions ?"), widget=forms.RadioSelect, initial="top10",
        choices=[("top10", gettext_lazy("Celles où j'entre dans le top 10")),
                 ("score", gettext_lazy("Celles où mon score atteint au moins :"))],
    )
    min_score = forms.IntegerField(label=gettext_lazy("Score minimum (0 à 100)"), min_value=0, max_value=100,
                                   required=False, widget=forms.NumberInput(attrs={"step": 5}))

    def clean(self):
        data = super().clean()
        if data.get("subscribed") and data.get("mode") == "score" and data.get("min_score") is None:
            self.add_error("min_score", _("Indiquez le score minimum, de 0 à 100."))
        return data


@login_required
def alerts_page(request):
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404
    subscription = DigestSubscription.objects.filter(profile=profile).first()
    initial = {"subscribed": subscription is not None,
               "mode": "score" if subscription and subscription.min_score is not None else "top10",
               "min_score": subscription.min_score if subscription else None}
    form = AlertsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["subscribed"]:
            digest_subscribe(profile=profile, min_score=data["min_score"] if data["mode"] == "score" else None)
            messages.success(request, _("C'est noté : vous recevrez le résumé quotidien."))
        else:
            digest_unsubscribe(profile=profile)
            messages.success(request, _("Vous ne recevrez plus le résumé quotidien."))
        return redirect("freelancer:alerts")
    return render(request, "recruiting/freelancer/alerts.html", {"form": form, "subscription": subscription})


@csrf_exempt  # the signed token is the authority; mail clients POST it without a session (RFC 8058)
@require_http_methods(["GET", "POST"])
def digest_unsubscribe_page(request, token):
    """GET asks for one click (link scanners must not unsubscribe anybody); POST unsubscribes."""
    if request.method == "GET":
        return render(request, "recruiting/freelancer/unsubscribe.html", {"done": None})
    done = digest_unsubscribe_by_token(token)
    if done is None:
        raise Http404
    return render(request, "recruiting/freelancer/unsubscribe.html", {"done": done})
