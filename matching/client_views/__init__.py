"""Client pages that put rankings beside missions (ranking, comparison, shortlist, dashboard),
and the freelancer's side of the shortlist (status per mission, questionnaire)."""
