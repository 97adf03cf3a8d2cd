"""Helpers for the accessibility browser tests: a small world with every kind of page filled, logged-in
browser contexts per role, and axe-core (vendored from the npm package) run inside the page.

Import with `from tests.e2e.conftest_a11y import ...`; the test module declares the fixtures it uses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test import Client

from accounts.models import Invitation, Membership
from matching import index_cache
from matching.services import mission_rank
from missions.models import Mission
from recruiting import shortlist as shortlist_services
from recruiting.models import ShortlistEntry
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    FreelancerProfileFactory,
    MissionFactory,
    MissionSkillFactory,
    MissionToolFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    QuestionFactory,
    RecommendationFactory,
)

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# What the issue asks: no serious or critical violation. Lesser ones are reported, not failed on.
BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGES = ("fr", "en")


def complete_profile(profile, *, years: int, rate: int, recommendation: str = ""):
    """Give a profile what the ranking and the public page read: sector, tool, diploma, experience."""
    ProfileSectorFactory(profile=profile, years=min(years, 10))
    ProfileToolFactory(profile=profile, proficiency=4 if years > 6 else 2)
    DiplomaFactory(profile=profile, level=5 if years > 4 else 3, title="Master génie civil")
    ExperienceFactory(profile=profile, scale="large" if years > 6 else "small")
    if recommendation:
        RecommendationFactory(profile=profile, rating=5, text=recommendation)
    profile.years_experience, profile.daily_rate = years, rate
    profile.save()
    return profile


@dataclass
class World:
    freelancer: object
    client_admin: object
    client_member: object
    esn_recruiter: object
    staff_user: object
    mission: Mission
    draft: Mission
    entry: ShortlistEntry
    invitation: Invitation
    others: list = field(default_factory=list)


def build_world(*, freelancer, client_org, client_admin, client_member, esn_recruiter, staff_user) -> World:
    """One ranked open mission with a histogram worth drawing, a draft, a shortlist with a questionnaire."""
    profile = complete_profile(freelancer.profile, years=9, rate=1250, recommendation="Un suivi de chantier irréprochable.")
    profile.user.first_name, profile.user.last_name = "Claire", "Moreau"
    profile.user.save()
    names = ["Hugo", "Inès", "Karim", "Léa", "Marc", "Nina", "Omar", "Paula", "Quentin", "Rose", "Samir"]
    others = []
    for i, name in enumerate(names):
        years = 2 + (i * 7) % 13
        other = FreelancerProfileFactory(user__first_name=name, user__last_name="Durand", headline="AMOE travaux",
                                         english_written="B1" if i % 3 else "C1")
        others.append(complete_profile(other, years=years, rate=480 + 40 * i))
    mission = MissionFactory(organisation=client_org, title="AMOE réhabilitation du siège", daily_rate_max=1400,
                             description="Réhabilitation lourde d'un immeuble de bureaux de 12 000 m².")
    MissionToolFactory(mission=mission)
    MissionSkillFactory(mission=mission, importance="nice")
    QuestionFactory(mission=mission, text="Quel chantier de réhabilitation avez-vous suivi ?")
    draft = MissionFactory(organisation=client_org, title="AMOE data center (brouillon)", status=Mission.Status.DRAFT)
    index_cache.reset()
    mission_rank(mission_id=mission.pk)
    entry = shortlist_services.shortlist_add(mission=mission, profile=profile, by=client_admin)
    shortlist_services.shortlist_add(mission=mission, profile=others[0], by=client_admin)
    entry = shortlist_services.shortlist_send_questionnaire(entry=entry, by=client_admin)
    invitation = Invitation.objects.create(organisation=client_org, email="nouveau@client.fr",
                                           role=Membership.Role.MEMBER, invited_by=client_admin)
    return World(freelancer=freelancer, client_admin=client_admin, client_member=client_member,
                 esn_recruiter=esn_recruiter, staff_user=staff_user, mission=mission, draft=draft, entry=entry,
                 invitation=invitation, others=others)


def new_context(browser, live_server, *, user=None, language="fr", **options):
    """A browser context with axe-core preloaded in every page, logged in as user when given."""
    context = browser.new_context(locale="fr-FR" if language == "fr" else "en-GB",
                                  viewport=options.pop("viewport", {"width": 1280, "height": 900}), **options)
    context.add_init_script(path=str(AXE))
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url})
    context.add_cookies(cookies)
    return context


def set_language(context, live_server, language: str) -> None:
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])


def axe_violations(page) -> list[dict]:
    """Run axe-core on the loaded page (WCAG 2.x A/AA and best practices); the serious and critical violations."""
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(0, 3).join(" "))}));
    }""")
    return [v for v in result if v["impact"] in BLOCKING_IMPACTS]


def format_violations(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: [{v['impact']}] {v['id']} – {v['help']}\n    " + "\n    ".join(v["nodes"]))
    return "\n".join(lines)


def check_pages(context, live_server, paths: list[str], *, languages=LANGUAGES, on_page=None) -> dict[str, list[dict]]:
    """Visit every path in every language in one context; {"<lang> <path>": violations} for the failing ones.

    Each page must answer 200 and be in the asked language (the <html lang> attribute says so).
    """
    found: dict[str, list[dict]] = {}
    page = context.new_page()
    for language in languages:
        set_language(context, live_server, language)
        for path in paths:
            response = page.goto(live_server.url + path)
            where = f"{language} {path}"
            assert response is not None and response.status == 200, f"{where} answered {response and response.status}"
            assert page.locator("html").get_attribute("lang") == language, f"{where} is not in {language}"
            violations = axe_violations(page)
            if violations:
                found[where] = violations
            if on_page is not None:
                on_page(page, language, path)
    page.close()
    return found
