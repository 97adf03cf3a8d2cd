"""SQL pieces of the stamps that cached answers are keyed on (recruiting.candidates_cache, recruiting.dashboard),
read in the same query as the rest of a stamp. Each takes the user's id as its one parameter."""
from accounts.models import Membership
from core.answer_cache import ids_list_sql, times_sum_sql
from missions.models import Mission
from recruiting.models import ShortlistEntry


def their_organisations_sql() -> str:
    """A subquery: the ids of the user's organisations."""
    return f"(SELECT organisation_id FROM {Membership._meta.db_table} WHERE user_id = %s)"


def shortlists_stamp_sql() -> str:
    """A scalar subquery: how many shortlist entries the missions of the user's organisations have, and their summed
    modification times."""
    return (f"(SELECT COUNT(*) || ':' || {times_sum_sql('e.updated_at')} FROM {ShortlistEntry._meta.db_table} e "
            f"JOIN {Mission._meta.db_table} o ON o.id = e.mission_id WHERE o.organisation_id IN {their_organisations_sql()})")


def organisations_list_sql() -> str:
    """A scalar subquery: the ids of the user's organisations, sorted, comma-separated."""
    return f"({ids_list_sql('organisation_id', Membership._meta.db_table, 'user_id = %s')})"
