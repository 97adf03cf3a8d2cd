"""Every reason code the engine can produce renders in French and in English."""
from __future__ import annotations

import dataclasses
import datetime

import pytest

from matching.engine.features import ProfileFeatures
from matching.engine.reasons import TEMPLATES, render_exclusion, render_reason
from matching.engine.scoring import explain, rank
from matching.engine.synthetic import synthetic_index, synthetic_missions


def _produced_codes() -> set[str]:
    """Codes seen on synthetic data, plus exclusions from explain()."""
    index = synthetic_index(n=3000, seed=5, today=datetime.date(2026, 1, 5))
    codes: set[str] = set()
    for m in synthetic_missions(m=60, seed=9, vocabulary=index.vocabulary, today=datetime.date(2026, 1, 5)):
        for candidate in rank(mission=m, index=index, top_k=40).candidates:
            codes.update(item["reason"]["code"] for item in candidate.breakdown)
    return codes


def test_templates_cover_every_code_the_engine_produces():
    produced = _produced_codes()
    missing = produced - set(TEMPLATES)
    assert not missing
    # Synthetic data reaches nearly every situation; the rest is covered below.
    assert len(produced) >= 25


@pytest.mark.parametrize("code", sorted(TEMPLATES))
@pytest.mark.parametrize("language", [None, "fr", "en"])
def test_every_code_renders(code, language):
    params = {
        "years": 3, "required": 5, "scale": "large", "complexity": "high", "max_scale": "small",
        "sector": "btp", "adjacent_sector": "immobilier", "count": 2, "missing": ["revit"],
        "missing_must": ["primavera"], "weak": ["excel"], "written": "B1", "spoken": None,
        "target_written": "C1", "target_spoken": "C1", "international": True, "level": 3,
        "mean": 4.25, "rate": 800, "ceiling": 700, "available_from": "2026-05-04", "start": "2026-04-01",
        "late_days": 33, "days_per_week": 3, "required_days": 5, "role": "amoe", "roles": ["pmo"],
        "tolerance_days": 30, "work_mode": "on_site", "offered": ["on_site"], "distance_km": 391.5,
        "mobility_km": 100, "written_min": "C1", "spoken_min": "B2",
    }
    if code == "exclusion.work_mode.distance":
        code = "exclusion.work_mode"
    text = render_reason({"code": code, "params": params}, language=language)
    assert text and "%(" not in text
    if language == "en":
        assert text == render_reason({"code": code, "params": params}, language="en")
        assert "ans d'" not in text and "requis" not in text


def test_french_and_english_examples():
    reason = {"code": "exclusion.rate", "params": {"rate": 850, "ceiling": 700}}
    assert render_exclusion(reason) == "TJM de 850 € au-dessus du plafond de 700 €"
    assert render_exclusion(reason, language="en") == "Daily rate €850 above the €700 ceiling"
    tools = {"code": "tools.missing_must_have", "params": {"missing_must": ["primavera"], "missing": [], "weak": []}}
    assert render_reason(tools, labels={"primavera": "Primavera P6"}) == "Outils indispensables manquants : Primavera P6"
    mean = {"code": "reputation.rated", "params": {"count": 3, "mean": 4.25}}
    assert render_reason(mean) == "3 recommandation(s), moyenne pondérée 4,25/5"
    work_mode = {"code": "exclusion.work_mode", "params": {"work_mode": "on_site", "offered": ["remote"], "distance_km": None, "mobility_km": 0}}
    assert render_exclusion(work_mode) == "Ne travaille pas en mode sur site"
    assert render_exclusion(work_mode, language="en") == "Does not work on site"


def test_unknown_code_is_an_error():
    with pytest.raises(KeyError):
        render_reason({"code": "nope", "params": {}})


def test_every_exclusion_reason_renders_from_explain():
    index = synthetic_index(n=400, seed=2, today=datetime.date(2026, 1, 5))
    mission = synthetic_missions(m=1, seed=4, vocabulary=index.vocabulary, today=datetime.date(2026, 1, 5))[0]
    mission = dataclasses.replace(mission, work_mode="on_site", latitude=48.85, longitude=2.35, daily_rate_max=500,
                                  english_written_min="C1", english_spoken_min="C1", exclude_missing_must_haves=True,
                                  tools=(("primavera", "must", 4),), skills=(("supply_chain", "must"),))
    stranger = ProfileFeatures(
        id=1, visible=False, roles=frozenset({"pmo"}), years=1, max_scale_handled=None, sector_years={},
        tools={}, skills=frozenset(), english_written=None, english_spoken="A2", diploma_level=0,
        diploma_flags=0, reputation_sum=0.0, reputation_count=0, daily_rate=900,
        available_from=mission.start_date + datetime.timedelta(days=90), days_per_week=2,
        work_modes=frozenset({"on_site"}), latitude=43.3, longitude=5.37, mobility_km=10,
    )
    why = explain(mission=mission, profile=stranger, vocabulary=index.vocabulary)
    assert [r["code"] for r in why.excluded_reasons] == [
        "exclusion.hidden", "exclusion.role", "exclusion.availability", "exclusion.work_mode",
        "exclusion.rate", "exclusion.english", "exclusion.must_have",
    ]
    for reason in why.excluded_reasons:
        assert render_exclusion(reason) and render_exclusion(reason, language="en")
    assert why.excluded_reasons[-1]["params"]["missing"] == ["primavera", "supply_chain"]
