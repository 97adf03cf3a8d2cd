from django.db import models


class MissionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def of_organisations(self, user):
        """Missions of the organisations the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user)
