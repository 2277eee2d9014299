import datetime
from zoneinfo import ZoneInfo

from django.db import migrations, models


def to_local_time(apps, schema_editor):
    """Existing items keep the moment they were stored as: it is now written in the
    local time of where the item happens (China for outgoing visits, Germany otherwise)."""
    AgendaItem = apps.get_model("partners", "AgendaItem")
    for item in AgendaItem.objects.select_related("visit"):
        zone = "Asia/Shanghai" if item.visit.direction == "outgoing" else "Europe/Berlin"
        local = item.starts_at.astimezone(ZoneInfo(zone))
        item.zone = zone
        item.local_date = local.date()
        item.local_time = local.time().replace(tzinfo=None)
        item.save(update_fields=["zone", "local_date", "local_time"])


def to_moment(apps, schema_editor):
    AgendaItem = apps.get_model("partners", "AgendaItem")
    for item in AgendaItem.objects.all():
        local = datetime.datetime.combine(item.local_date, item.local_time)
        item.starts_at = local.replace(tzinfo=ZoneInfo(item.zone)).astimezone(datetime.UTC)
        item.save(update_fields=["starts_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_agreement_document_is_pdf"),
    ]

    operations = [
        migrations.AddField(
            model_name="delegationvisit",
            name="hosts_zh",
            field=models.TextField(
                blank=True,
                help_text="The same people in Chinese, one a line, for the Chinese programme sheet.",
                verbose_name="hosts (Chinese)",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="zone",
            field=models.CharField(
                choices=[
                    ("Europe/Berlin", "Germany (Berlin time)"),
                    ("Asia/Shanghai", "China (China Standard Time)"),
                ],
                default="Europe/Berlin",
                max_length=20,
                verbose_name="where it happens",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="local_date",
            field=models.DateField(null=True, verbose_name="date (local)"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="local_time",
            field=models.TimeField(null=True, verbose_name="time (local)"),
        ),
        migrations.RunPython(to_local_time, to_moment),
        migrations.AlterField(
            model_name="agendaitem",
            name="local_date",
            field=models.DateField(verbose_name="date (local)"),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="local_time",
            field=models.TimeField(verbose_name="time (local)"),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="starts_at",
            field=models.DateTimeField(editable=False, verbose_name="time"),
        ),
    ]
