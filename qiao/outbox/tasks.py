"""Background jobs of the outbox. They take primary keys and call services."""

from django_tasks import task


@task()
def deliver_email(email_id: int) -> str:
    from .services import deliver

    return deliver(email_id)
