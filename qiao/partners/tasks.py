"""Background jobs of the partner network (django-tasks). They take primary keys."""

from django_tasks import task


@task()
def queue_renewal_alerts() -> int:
    """Run daily: record the due renewal reminders and queue their e-mails."""
    from . import services

    return len(services.queue_renewal_alerts())


@task()
def send_renewal_alert(alert_pk: int) -> bool:
    from . import services
    from .models import RenewalAlert

    alert = RenewalAlert.objects.filter(pk=alert_pk).first()
    if alert is None:
        return False
    return services.send_renewal_alert(alert)
