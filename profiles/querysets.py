from django.db import models


class FreelancerProfileQuerySet(models.QuerySet):
    def visible(self):
        """Profiles that clients may see and that the engine ranks."""
        return self.filter(is_visible=True, user__is_active=True)
