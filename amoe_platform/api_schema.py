"""The API's schema class: core's, with the stateful links between this project's operations."""
from core.api import ApiAutoSchema

# Stateful links between operations (OpenAPI links, keyed by operationId and status): create a mission,
# read its ranked candidates, shortlist the best one, read, move and remove its entry.
_MISSION = {"id": "$response.body#/id"}
_ENTRY = {"id": "$request.path.id", "profile_id": "$response.body#/profile_id"}
SCHEMA_LINKS: dict[str, dict[str, dict]] = {
    "missions_create": {"201": {
        "GetMission": {"operationId": "missions_retrieve", "parameters": _MISSION},
        "UpdateMission": {"operationId": "missions_partial_update", "parameters": _MISSION},
        "GetCandidates": {"operationId": "missions_candidates_list", "parameters": _MISSION},
        "GetShortlist": {"operationId": "missions_shortlist_list", "parameters": _MISSION},
        "RankMission": {"operationId": "missions_rank_create", "parameters": _MISSION},
    }},
    "missions_candidates_list": {"200": {
        "ShortlistBestCandidate": {"operationId": "missions_shortlist_create", "parameters": {"id": "$request.path.id"},
                                   "requestBody": {"profile": "$response.body#/results/0/profile/id"}},
    }},
    "missions_shortlist_create": {code: {
        "GetEntry": {"operationId": "missions_shortlist_retrieve", "parameters": _ENTRY},
        "MoveEntry": {"operationId": "missions_shortlist_partial_update", "parameters": _ENTRY},
        "RemoveEntry": {"operationId": "missions_shortlist_destroy", "parameters": _ENTRY},
    } for code in ("200", "201")},
}


class ApiSchema(ApiAutoSchema):
    links = SCHEMA_LINKS
