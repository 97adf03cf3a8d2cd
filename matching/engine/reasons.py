"""Reason codes (plain JSON data) for each criterion and exclusion, and their
rendering as sentences: French source strings through gettext, the catalogue
(locale/) being the one source of every other language."""
from __future__ import annotations

import datetime
import math
from typing import Callable, Mapping

import numpy as np
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.translation import get_language, gettext, ngettext, override

from . import criteria as K
from .targets import mission_targets


def gettext_noop(message: str) -> str:
    """Marks a string for makemessages (default keyword gettext_noop) without needing settings at import."""
    return message


# code -> French source
TEMPLATES: dict[str, str] = {
    "seniority.meets": gettext_noop("%(years)s d'expérience pour %(required)s requis (%(scale)s, %(complexity)s)"),
    "seniority.below": gettext_noop("Seulement %(years)s d'expérience pour %(required)s requis (%(scale)s, %(complexity)s)"),
    "seniority.meets_no_scale_experience": gettext_noop("%(years)s d'expérience pour %(required)s requis (%(scale)s, %(complexity)s), mais aucun projet de cette envergure"),
    "seniority.below_no_scale_experience": gettext_noop("Seulement %(years)s d'expérience pour %(required)s requis (%(scale)s, %(complexity)s), et aucun projet de cette envergure"),
    "sector.not_required": gettext_noop("Aucun secteur demandé"),
    "sector.direct": gettext_noop("%(years)s dans le secteur %(sector)s"),
    "sector.adjacent": gettext_noop("%(years)s dans le secteur voisin %(adjacent_sector)s (mission : %(sector)s)"),
    "sector.none": gettext_noop("Aucune expérience dans le secteur %(sector)s ni dans un secteur voisin"),
    "tools.not_required": gettext_noop("Aucun outil demandé"),
    "tools.all_covered": gettext_noop("Tous les outils demandés sont maîtrisés (%(count)s)"),
    "tools.partial": gettext_noop("Outils souhaités manquants : %(missing)s ; niveau insuffisant : %(weak)s"),
    "tools.missing_must_have": gettext_noop("Outils indispensables manquants : %(missing_must)s"),
    "skills.not_required": gettext_noop("Aucune compétence demandée"),
    "skills.all_covered": gettext_noop("Toutes les compétences demandées (%(count)s)"),
    "skills.partial": gettext_noop("Compétences souhaitées manquantes : %(missing)s"),
    "skills.missing_must_have": gettext_noop("Compétences indispensables manquantes : %(missing_must)s"),
    "english.meets": gettext_noop("Anglais écrit %(written)s, oral %(spoken)s : niveau attendu atteint (%(target_written)s / %(target_spoken)s)"),
    "english.below": gettext_noop("Anglais écrit %(written)s, oral %(spoken)s pour %(target_written)s / %(target_spoken)s attendus"),
    "english.none": gettext_noop("Niveau d'anglais non renseigné (%(target_written)s / %(target_spoken)s attendus)"),
    "education.meets": gettext_noop("Diplôme bac+%(level)s pour bac+%(required)s attendu"),
    "education.meets_no_engineering_master": gettext_noop("Diplôme bac+%(level)s pour bac+%(required)s attendu, sans diplôme d'ingénieur ni master pour une mission complexe"),
    "education.below": gettext_noop("Diplôme bac+%(level)s, en dessous du bac+%(required)s attendu"),
    "education.none": gettext_noop("Aucun diplôme renseigné (bac+%(required)s attendu)"),
    "reputation.prior": gettext_noop("Pas encore de recommandation : note neutre de %(mean)s/5"),
    "reputation.rated": gettext_noop("%(count)s recommandation(s), moyenne pondérée %(mean)s/5"),
    "rate.no_ceiling": gettext_noop("TJM de %(rate)s € (pas de plafond)"),
    "rate.well_under": gettext_noop("TJM de %(rate)s €, bien en dessous du plafond de %(ceiling)s €"),
    "rate.under": gettext_noop("TJM de %(rate)s €, dans le plafond de %(ceiling)s €"),
    "rate.over": gettext_noop("TJM de %(rate)s €, au-dessus du plafond de %(ceiling)s € mais dans la tolérance"),
    "availability.on_time": gettext_noop("Disponible le %(available_from)s pour un démarrage le %(start)s"),
    "availability.on_time_partial": gettext_noop("Disponible à temps, %(days_per_week)s j/semaine sur %(required_days)s demandés"),
    "availability.late": gettext_noop("Disponible %(late_days)s jours après le démarrage du %(start)s"),
    "availability.late_partial": gettext_noop("Disponible %(late_days)s jours après le démarrage du %(start)s, %(days_per_week)s j/semaine sur %(required_days)s demandés"),
    "gate.seniority": gettext_noop("%(years)s d'expérience pour %(required)s requis sur ce projet (%(scale)s, %(complexity)s)"),
    "gate.must_have": gettext_noop("Il manque des indispensables : %(missing_must)s"),
    "gate.fit": gettext_noop("Peu d'adéquation avec le secteur, les outils et les compétences demandés"),
    "exclusion.hidden": gettext_noop("Profil masqué ou inactif"),
    "exclusion.role": gettext_noop("Ne propose pas le rôle %(role)s"),
    "exclusion.availability": gettext_noop("Disponible le %(available_from)s, plus de %(tolerance_days)s jours après le démarrage du %(start)s"),
    "exclusion.work_mode": gettext_noop("Ne travaille pas en mode %(work_mode)s"),
    "exclusion.work_mode.distance": gettext_noop("À %(distance_km)s km de la mission pour une mobilité de %(mobility_km)s km"),
    "exclusion.rate": gettext_noop("TJM de %(rate)s € au-dessus du plafond de %(ceiling)s €"),
    "exclusion.english": gettext_noop("Anglais écrit %(written)s, oral %(spoken)s sous le minimum requis (%(written_min)s / %(spoken_min)s)"),
    "exclusion.must_have": gettext_noop("Indispensables manquants : %(missing)s"),
}

# The name of each gate's line in a breakdown, beside the criteria's (missions.criteria.Criterion).
GATE_LABELS: dict[str, str] = {
    "gate_seniority": gettext_noop("Expérience insuffisante pour l'envergure"),
    "gate_must_have": gettext_noop("Indispensables manquants"),
    "gate_fit": gettext_noop("Adéquation au besoin"),
}


def gate_label(criterion: str) -> str:
    """The gate's name in the active language."""
    return _translate(GATE_LABELS[criterion])


# The labels of profiles.choices' scales, complexities, work modes and roles (the same French source strings,
# so the catalogue translates them; tests/matching/test_engine_purity.py checks that both agree).
CODE_LABELS: dict[str, str] = {
    "small": gettext_noop("Petite envergure"),
    "medium": gettext_noop("Envergure moyenne"),
    "large": gettext_noop("Grande envergure"),
    "very_large": gettext_noop("Très grande envergure"),
    "low": gettext_noop("Complexité faible"),
    "moderate": gettext_noop("Complexité modérée"),
    "high": gettext_noop("Complexité élevée"),
    "on_site": gettext_noop("Sur site"),
    "hybrid": gettext_noop("Hybride"),
    "remote": gettext_noop("À distance"),
    "amoe": gettext_noop("AMOE – assistant à maîtrise d'œuvre"),
    "amoa": gettext_noop("AMOA – assistant à maîtrise d'ouvrage"),
    "moe": gettext_noop("MOE – maître d'œuvre"),
    "moa": gettext_noop("MOA – maître d'ouvrage"),
    "pmo": gettext_noop("PMO – project management officer"),
    "project_manager": gettext_noop("Chef de projet"),
}
_CODE_PARAMS = {"scale", "complexity", "max_scale", "work_mode", "role"}
_VOCAB_PARAMS = {"sector", "adjacent_sector", "missing", "missing_must", "weak", "offered", "roles"}
_CEFR_PARAMS = {"written", "spoken", "target_written", "target_spoken", "written_min", "spoken_min"}


def _cefr(level: int) -> str | None:
    return K.CEFR_LEVELS[level - 1] if level > 0 else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance, for display; filtering uses scoring's chords."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * K.EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _iso(ordinal: int) -> str:
    return datetime.date.fromordinal(int(ordinal)).isoformat()


# ---------------------------------------------------------------- building
def _gather(index, rows, kind: str, codes) -> dict[str, list[int]]:
    """Values of the given vocabulary codes for the rows (zeros for unknown codes)."""
    matrix = {"sectors": index.sector_years, "tools": index.tools, "skills": index.skills}[kind]
    out = {}
    for code in codes:
        pos = index.vocabulary.position(kind, code)
        out[code] = [0] * len(rows) if pos is None else matrix[:, pos].take(rows).astype(int).tolist()
    return out


def reason_context(mission) -> dict[str, dict]:
    """Per criterion, the reason parameters that come from the mission alone: the same for every
    profile, so a ranking computes and stores them once (see explanations.py)."""
    targets = mission_targets(mission)
    seniority = {"required": targets.required_years, "scale": mission.scale, "complexity": mission.complexity}
    return {
        "seniority": seniority,
        "sector": {} if mission.sector is None else {"sector": mission.sector},
        "tools": {},
        "skills": {},
        "english": {"target_written": _cefr(targets.english_written), "target_spoken": _cefr(targets.english_spoken),
                    "international": mission.international},
        "education": {"required": targets.diploma},
        "reputation": {},
        "rate": {} if targets.ceiling is None else {"ceiling": targets.ceiling},
        "availability": {"start": mission.start_date.isoformat(), "required_days": mission.days_per_week},
        "gate_seniority": seniority,
    }


_EPOCH = datetime.date(1970, 1, 1).toordinal()


def _iso_dates(ordinals: np.ndarray) -> list[str]:
    return (ordinals.astype(np.int64) - _EPOCH).astype("datetime64[D]").astype(str).tolist()


def _best_adjacent(sectors: dict[str, list[int]], codes: list[str], n: int) -> tuple[list[int], list[str | None]]:
    """Per row, the most years in an adjacent sector and which one (the last code in sorted order on a tie)."""
    if not codes:
        return [0] * n, [None] * n
    ordered = sorted(codes, reverse=True)
    matrix = np.array([sectors[c] for c in ordered], dtype=np.int64).reshape(len(ordered), n)
    best = matrix.argmax(axis=0)
    return matrix.max(axis=0).tolist(), [ordered[b] for b in best.tolist()]


def explained_rows(*, mission, index, rows, scores: list[list[float]], gates=None) -> list[list[list]]:
    """Per row, one [score, code, params] per criterion in CRITERIA order, mirroring scoring.py's decisions,
    then one [criterion, factor, code, params, points] per gate that scales the score.

    `scores` holds one column of scores per criterion, `gates` per gate None or its (factors, points)
    columns. The code leaves out the criterion ("meets" for "seniority.meets") and the params hold what
    the profile has; what the mission asks is in reason_context(mission). This is the stored form
    (explanations.py).
    """
    n = len(rows)
    col = {name: getattr(index, name).take(rows).tolist() for name in (
        "years", "max_scale", "english_written", "english_spoken", "diploma_level", "diploma_flags",
        "reputation_count", "daily_rate", "days_per_week")}
    available_from = index.available_from.take(rows)
    available_iso = _iso_dates(available_from)
    late_days = np.maximum(available_from.astype(np.int64) - mission.start_date.toordinal(), 0).tolist()
    reputation = np.round(index.reputation.take(rows).astype(np.float64), 2).tolist()
    adjacent_codes = sorted(mission.adjacent_sectors - {mission.sector})
    sectors = _gather(index, rows, "sectors", ([mission.sector] if mission.sector else []) + adjacent_codes)
    adjacent_years, adjacent_sector = _best_adjacent(sectors, adjacent_codes, n)
    tools = _gather(index, rows, "tools", [c for c, _, _ in mission.tools])
    skills = _gather(index, rows, "skills", [c for c, _ in mission.skills])
    targets = mission_targets(mission)
    need, scale_i = targets.required_years, targets.scale_index
    target_w, target_s = targets.english_written, targets.english_spoken
    diploma, complex_mission, ceiling = targets.diploma, targets.complex_mission, targets.ceiling
    thresholds = {code: level for code, level in targets.must_tools}
    gate_columns = list(zip(K.GATES, gates or [None] * len(K.GATES)))
    required_kinds = (("tools", mission.tools, tools), ("skills", [(c, m, 1) for c, m in mission.skills], skills))
    (s_seniority, s_sector, s_tools, s_skills, s_english, s_education, s_reputation, s_rate,
     s_availability) = scores
    direct_years = sectors[mission.sector] if mission.sector else None
    result = []
    for i in range(n):
        years, max_scale = col["years"][i], col["max_scale"][i]
        code = "meets" if years >= need else "below"
        if scale_i > 0 and max_scale < scale_i:
            seniority = [s_seniority[i], code + "_no_scale_experience",
                         {"years": years, "max_scale": K.SCALES[max_scale] if max_scale >= 0 else None}]
        else:
            seniority = [s_seniority[i], code, {"years": years}]

        if direct_years is None:
            sector = [s_sector[i], "not_required", {}]
        else:
            direct, adjacent = direct_years[i], adjacent_years[i]
            if direct > 0 and direct >= K.ADJACENT_SECTOR_FACTOR * adjacent:
                sector = [s_sector[i], "direct", {"years": direct}]
            elif adjacent > 0:
                sector = [s_sector[i], "adjacent", {"adjacent_sector": adjacent_sector[i], "years": adjacent}]
            else:
                sector = [s_sector[i], "none", {}]

        coverage, lacking = [], []
        for (kind, required, values), kind_scores in zip(required_kinds, (s_tools, s_skills)):
            missing_must, missing, weak = [], [], []
            for code, importance, min_prof in required:
                value = values[code][i]
                if value == 0:
                    (missing_must if importance == "must" else missing).append(code)
                elif value < min_prof:
                    weak.append(code)
                if importance == "must" and (value < thresholds[code] if kind == "tools" else value == 0):
                    lacking.append(code)
            if not required:
                coverage.append([kind_scores[i], "not_required", {}])
            elif missing_must:
                coverage.append([kind_scores[i], "missing_must_have",
                                 {"missing_must": missing_must, "missing": missing, "weak": weak}])
            elif missing or weak:
                coverage.append([kind_scores[i], "partial",
                                 {"missing": missing, "weak": weak} if kind == "tools" else {"missing": missing}])
            else:
                coverage.append([kind_scores[i], "all_covered", {"count": len(required)}])

        written, spoken = col["english_written"][i], col["english_spoken"][i]
        code = "none" if written == spoken == 0 else "meets" if written >= target_w and spoken >= target_s else "below"
        english = [s_english[i], code, {"written": _cefr(written), "spoken": _cefr(spoken)}]

        level = col["diploma_level"][i]
        if level >= diploma:
            code = "meets_no_engineering_master" if complex_mission and not col["diploma_flags"][i] & 3 else "meets"
        else:
            code = "none" if level == 0 else "below"
        education = [s_education[i], code, {"level": level}]

        count = col["reputation_count"][i]
        reputation_item = [s_reputation[i], "rated" if count else "prior", {"count": count, "mean": reputation[i]}]

        rate = col["daily_rate"][i]
        if ceiling is None:
            code = "no_ceiling"
        else:
            code = "well_under" if rate <= 0.8 * ceiling else "under" if rate <= ceiling else "over"
        rate_item = [s_rate[i], code, {"rate": rate}]

        late, days = late_days[i], col["days_per_week"][i]
        code = ("late" if late else "on_time") + ("_partial" if days < mission.days_per_week else "")
        availability = [s_availability[i], code,
                        {"available_from": available_iso[i], "late_days": late, "days_per_week": days}]
        row = [seniority, sector, coverage[0], coverage[1], english, education, reputation_item, rate_item,
               availability]
        for gate, columns in gate_columns:
            if columns is None or columns[0][i] >= 1.0:
                continue
            params = {"years": years} if gate == "seniority" else {"missing_must": lacking} if gate == "must_have" else {}
            row.append([f"gate_{gate}", columns[0][i], gate, params, columns[1][i]])
        result.append(row)
    return result


def exclusion_reasons(*, mission, index, row: int, reasons: list[str]) -> list[dict]:
    """{"code": "exclusion.<reason>", "params"} for each failed hard filter."""
    out = []
    for reason in reasons:
        params: dict = {}
        if reason == "role":
            params = {"role": mission.role, "roles": [r for r in K.ROLES if index.roles[row] & K.ROLE_BIT[r]]}
        elif reason == "availability":
            late = int(index.available_from[row]) - mission.start_date.toordinal()
            params = {"available_from": _iso(index.available_from[row]), "start": mission.start_date.isoformat(), "late_days": late, "tolerance_days": K.AVAILABILITY_TOLERANCE_DAYS}
        elif reason == "work_mode":
            offered = [m for m in K.WORK_MODES if index.work_modes[row] & K.WORK_MODE_BIT[m]]
            distance = None
            if mission.work_mode != "remote" and mission.latitude is not None and mission.longitude is not None and index.lat[row] == index.lat[row]:
                distance = round(distance_km(float(index.lat[row]), float(index.lon[row]), mission.latitude, mission.longitude), 1)
            params = {"work_mode": mission.work_mode, "offered": offered, "distance_km": distance, "mobility_km": int(index.mobility_km[row])}
        elif reason == "rate":
            params = {"rate": int(index.daily_rate[row]), "ceiling": mission.daily_rate_max}
        elif reason == "english":
            params = {"written": _cefr(int(index.english_written[row])), "spoken": _cefr(int(index.english_spoken[row])), "written_min": mission.english_written_min, "spoken_min": mission.english_spoken_min}
        elif reason == "must_have":
            targets, missing = mission_targets(mission), []
            for code, threshold in targets.must_tools:
                pos = index.vocabulary.position("tools", code)
                if pos is None or index.tools[row, pos] < threshold:
                    missing.append(code)
            for code in targets.must_skills:
                pos = index.vocabulary.position("skills", code)
                if pos is None or not index.skills[row, pos]:
                    missing.append(code)
            params = {"missing": missing}
        out.append({"code": f"exclusion.{reason}", "params": params})
    return out


# ---------------------------------------------------------------- rendering
def _translate(source: str, plural: str | None = None, n: int = 1) -> str:
    try:
        return ngettext(source, plural, n) if plural else gettext(source)
    except (AppRegistryNotReady, ImproperlyConfigured):  # translation machinery not set up (scripts, bare tests)
        return source if not plural or n <= 1 else plural


def _format(key: str, value, *, labels: Mapping[str, str], decimal_comma: bool) -> str:
    if key in _CODE_PARAMS and value in CODE_LABELS:
        text = _translate(CODE_LABELS[value])
        return text if key == "role" else text[:1].lower() + text[1:]
    if key in _VOCAB_PARAMS:
        items = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in items) or _translate(gettext_noop("aucun"))
    if key in _CEFR_PARAMS:
        return value or _translate(gettext_noop("non renseigné"))
    if key == "years":
        return _translate("%(years)s an", "%(years)s ans", value) % {"years": value}
    if key in ("available_from", "start") and decimal_comma:
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(value, float) and decimal_comma:
        return f"{value:g}".replace(".", ",")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def render_reason(reason: Mapping, *, language: str | None = None, labels: Mapping[str, str] | None = None) -> str:
    """A sentence for a {"code", "params"} reason, French unless language says otherwise."""
    code, params = reason["code"], dict(reason.get("params") or {})
    if code == "exclusion.work_mode" and params.get("distance_km") is not None and params.get("work_mode") != "remote":
        offered = set(params.get("offered") or ())
        wanted = {"on_site", "hybrid"} if params.get("work_mode") == "hybrid" else {"on_site"}
        if offered & wanted:  # the mode is offered: distance is what excludes
            code = "exclusion.work_mode.distance"
    if code not in TEMPLATES:
        raise KeyError(f"unknown reason code {code!r}")

    def render(lang: str) -> str:
        french = not lang.lower().startswith("en")  # French dates and decimal commas; English ISO dates
        values = {k: _format(k, v, labels=labels or {}, decimal_comma=french) for k, v in params.items()}
        return _translate(TEMPLATES[code]) % values

    return in_language(render, language)


def in_language(render: Callable[[str], str], language: str | None = None) -> str:
    """render(lang) with `language` (the active one by default) active; French when no Django is set up."""
    try:
        lang = language or get_language() or "fr"
        with override(lang):
            return render(lang)
    except (AppRegistryNotReady, ImproperlyConfigured):  # no Django set up: untranslated
        return render("fr")


def render_exclusion(reason: Mapping, *, language: str | None = None, labels: Mapping[str, str] | None = None) -> str:
    """Same as render_reason, for the exclusion reasons of explain()."""
    return render_reason(reason, language=language, labels=labels)
