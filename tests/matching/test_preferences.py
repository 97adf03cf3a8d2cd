"""A mission against a freelancer's preferences: which misses, in which order, in which words; the
vectorised fit agrees with the one-mission rule."""
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.engine.preferences import (
    PREFERENCE_MISSES,
    MissionPreferenceView,
    PreferenceColumns,
    ProfilePreferences,
    preference_fit,
    preference_miss_text,
    preference_misses,
)

MISSION = MissionPreferenceView(daily_rate_max=450, sector="btp", duration_months=18,
                                start_date=datetime.date(2031, 2, 1), scale="large")
LABELS = {"btp": "BTP", "industrie": "Industrie", "informatique": "Informatique"}


def _codes(mission=MISSION, **prefs):
    return [miss["code"] for miss in preference_misses(mission, ProfilePreferences(**prefs))]


def test_no_preference_never_misses():
    assert ProfilePreferences().empty
    assert preference_misses(MISSION, ProfilePreferences()) == []


def test_a_ceiling_below_the_minimum_rate_misses_with_both_figures():
    (miss,) = preference_misses(MISSION, ProfilePreferences(min_daily_rate=550))
    assert miss == {"code": "preference.rate", "params": {"ceiling": 450, "min_rate": 550}}
    assert preference_miss_text(miss, language="fr") == "TJM plafond 450 € sous son minimum de 550 €"
    assert preference_miss_text(miss, voice="freelancer", language="fr") == "TJM plafond 450 € sous votre minimum de 550 €"


def test_a_ceiling_at_the_minimum_or_no_ceiling_at_all_fits():
    assert _codes(min_daily_rate=450) == []
    assert _codes(MissionPreferenceView(None, "btp", 18, datetime.date(2031, 2, 1), "large"), min_daily_rate=900) == []


def test_a_refused_sector_misses_once_even_when_wanted_sectors_leave_it_out():
    assert _codes(refused_sectors=frozenset({"btp"})) == ["preference.sector_refused"]
    assert _codes(refused_sectors=frozenset({"btp"}), wanted_sectors=frozenset({"industrie"})) == [
        "preference.sector_refused"]


def test_a_sector_outside_the_wanted_ones_misses_and_names_them():
    (miss,) = preference_misses(MISSION, ProfilePreferences(wanted_sectors=frozenset({"industrie", "informatique"})))
    assert miss == {"code": "preference.sector_not_wanted",
                    "params": {"sector": "btp", "wanted": ["industrie", "informatique"]}}
    assert preference_miss_text(miss, language="fr", labels=LABELS) == (
        "Secteur BTP hors des secteurs souhaités (Industrie, Informatique)")
    assert _codes(wanted_sectors=frozenset({"btp"})) == []


def test_a_mission_without_a_sector_misses_no_sector_preference():
    mission = MissionPreferenceView(450, None, 18, datetime.date(2031, 2, 1), "large")
    assert _codes(mission, wanted_sectors=frozenset({"industrie"}), refused_sectors=frozenset({"btp"})) == []


def test_the_length_must_lie_within_the_range_bounds_included():
    assert _codes(min_mission_months=18, max_mission_months=18) == []
    assert _codes(min_mission_months=24) == ["preference.duration_short"]
    (miss,) = preference_misses(MISSION, ProfilePreferences(max_mission_months=12))
    assert miss["params"] == {"months": 18, "max_months": 12}
    assert preference_miss_text(miss, voice="freelancer", language="fr") == (
        "Mission de 18 mois, au-delà de votre maximum de 12 mois")


def test_the_start_must_lie_within_the_window_in_the_readers_date_format():
    assert _codes(earliest_start_date=datetime.date(2031, 2, 1), latest_start_date=datetime.date(2031, 2, 1)) == []
    (early,) = preference_misses(MISSION, ProfilePreferences(earliest_start_date=datetime.date(2031, 3, 1)))
    assert preference_miss_text(early, language="fr") == "Début le 01/02/2031, avant le 01/03/2031 souhaité"
    english = preference_miss_text(early, language="en")
    assert "2031-02-01" in english and "2031-03-01" in english
    assert _codes(latest_start_date=datetime.date(2031, 1, 15)) == ["preference.start_late"]


def test_a_scale_outside_the_wanted_ones_misses_and_names_them_in_scale_order():
    (miss,) = preference_misses(MISSION, ProfilePreferences(wanted_scales=frozenset({"medium", "small"})))
    assert miss["params"] == {"scale": "large", "wanted": ["small", "medium"]}
    assert preference_miss_text(miss, language="fr") == (
        "Grande envergure, hors des envergures souhaitées (petite envergure, envergure moyenne)")


def test_every_miss_at_once_comes_in_the_fixed_order():
    prefs = ProfilePreferences(min_daily_rate=500, wanted_sectors=frozenset({"industrie"}), min_mission_months=24,
                               latest_start_date=datetime.date(2031, 1, 1), wanted_scales=frozenset({"small"}))
    codes = _codes(**prefs.__dict__)
    assert codes == ["preference.rate", "preference.sector_not_wanted", "preference.duration_short",
                     "preference.start_late", "preference.scale"]
    assert codes == [code for code in PREFERENCE_MISSES if code in codes]


def test_every_miss_renders_in_both_voices_and_languages():
    prefs = ProfilePreferences(min_daily_rate=500, refused_sectors=frozenset({"btp"}), max_mission_months=6,
                               earliest_start_date=datetime.date(2032, 1, 1), wanted_scales=frozenset({"small"}))
    other = ProfilePreferences(min_mission_months=24, latest_start_date=datetime.date(2030, 1, 1),
                               wanted_sectors=frozenset({"industrie"}))
    misses = preference_misses(MISSION, prefs) + preference_misses(MISSION, other)
    assert {m["code"] for m in misses} == set(PREFERENCE_MISSES)
    for miss in misses:
        for voice in ("client", "freelancer"):
            for language in ("fr", "en"):
                text = preference_miss_text(miss, voice=voice, language=language, labels=LABELS)
                assert "%(" not in text and text


_dates = st.dates(datetime.date(2030, 1, 1), datetime.date(2032, 12, 31))
_sectors = st.sampled_from(["btp", "industrie", "informatique", "immobilier"])
_scales = st.sampled_from(["small", "medium", "large", "very_large"])
_missions = st.builds(MissionPreferenceView, daily_rate_max=st.none() | st.integers(0, 1500),
                      sector=st.none() | _sectors, duration_months=st.integers(1, 60), start_date=_dates,
                      scale=_scales)
_prefs = st.builds(ProfilePreferences, min_daily_rate=st.none() | st.integers(0, 1500),
                   wanted_sectors=st.frozensets(_sectors, max_size=2), refused_sectors=st.frozensets(_sectors, max_size=2),
                   min_mission_months=st.none() | st.integers(1, 60), max_mission_months=st.none() | st.integers(1, 60),
                   earliest_start_date=st.none() | _dates, latest_start_date=st.none() | _dates,
                   wanted_scales=st.frozensets(_scales, max_size=3))


@settings(max_examples=200, deadline=None)
@given(missions=st.lists(_missions, max_size=30), prefs=_prefs)
def test_the_vectorised_fit_is_the_one_mission_rule(missions, prefs):
    columns = PreferenceColumns(missions)
    assert preference_fit(columns, prefs).tolist() == [not preference_misses(m, prefs) for m in missions]
    assert [columns.misses(i, prefs) for i in range(len(columns))] == [preference_misses(m, prefs) for m in missions]
