from django_tasks import task


@task()
def send_contact_notification(contact_message_id: int) -> None:
    from .models import ContactMessage
    from .services import notify_staff_of_contact_message

    contact_message = ContactMessage.objects.filter(pk=contact_message_id).first()
    if contact_message is not None:
        notify_staff_of_contact_message(contact_message)
