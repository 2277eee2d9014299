from django.db import migrations, models


def measure_photos(apps, schema_editor):
    """The size of the photos stored before sizes were kept (read from the file's header)."""
    from PIL import Image

    from qiao.mobility.models import private_storage

    ExperienceReport = apps.get_model("mobility", "ExperienceReport")
    storage = private_storage()
    for report in ExperienceReport.objects.exclude(photo=""):
        try:
            with storage.open(report.photo.name) as file, Image.open(file) as image:
                report.photo_width, report.photo_height = image.size
        except (OSError, Image.DecompressionBombError):
            continue  # a missing or unreadable file: the page shows it without a size
        report.save(update_fields=["photo_width", "photo_height"])


class Migration(migrations.Migration):
    dependencies = [
        ("mobility", "0010_experience_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="experiencereport",
            name="photo_height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="experiencereport",
            name="photo_width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(measure_photos, migrations.RunPython.noop),
    ]
