from django.db import models

# A profile the engine ranks: shown to clients (visible, active account) and complete enough to be
# compared (a daily rate). The loader, the index build and the querysets all read this one definition.
RANKABLE = models.Q(is_visible=True, user__is_active=True, daily_rate__isnull=False)


class FreelancerProfileQuerySet(models.QuerySet):
    def visible(self):
        """Profiles that clients may see."""
        return self.filter(is_visible=True, user__is_active=True)

    def rankable(self):
        """Profiles that the engine ranks (RANKABLE)."""
        return self.filter(RANKABLE)

    def with_rankable(self):
        """Each profile annotated with `rankable` (RANKABLE as a boolean)."""
        return self.annotate(rankable=models.ExpressionWrapper(RANKABLE, output_field=models.BooleanField()))
