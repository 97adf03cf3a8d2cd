from django.shortcuts import render

# The organisation sign-up belongs to the client pages; linked by path so accounts imports nothing above it.
ORGANISATION_SIGNUP_PATH = "/organisation/signup/"


def signup_choice(request):
    """Lets a visitor say whether they sign up as a freelancer or for a company."""
    return render(request, "account/signup_choice.html", {"organisation_signup_url": ORGANISATION_SIGNUP_PATH})
