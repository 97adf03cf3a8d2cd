from django.utils.translation import gettext_lazy as _

from profiles.models import FreelancerProfile


class PersonalDataRequest(FreelancerProfile):
    """The freelancers as the staff sees them when a GDPR request arrives by e-mail (privacy.admin):
    a proxy, so that profiles' own admin needs to know nothing of GDPR."""

    class Meta:
        proxy = True
        verbose_name = _("demande sur des données personnelles")
        verbose_name_plural = _("demandes sur des données personnelles")
