from matching.engine.criteria import CRITERIA as ENGINE_CRITERIA
from missions.criteria import Criterion
from missions.weights import CRITERIA, DEFAULT_WEIGHTS


def test_the_labelled_criteria_are_the_engines_codes_in_its_order():
    assert tuple(Criterion.values) == CRITERIA == ENGINE_CRITERIA == tuple(DEFAULT_WEIGHTS)
