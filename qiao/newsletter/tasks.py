"""Background jobs of the newsletter. They take primary keys and call services."""

from django_tasks import task


@task()
def send_batch(sending_id: int) -> int:
    from .sending import send_next_batch

    return send_next_batch(sending_id)
