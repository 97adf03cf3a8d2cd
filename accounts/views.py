from django.shortcuts import render
from django.urls import reverse

# The organisation sign-up page (accounts.organisation_views, routed with the mission pages).
ORGANISATION_SIGNUP = "client:signup"


def signup_choice(request):
    """Lets a visitor say whether they sign up as a freelancer or for a company."""
    return render(request, "account/signup_choice.html", {"organisation_signup_url": reverse(ORGANISATION_SIGNUP)})
