from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qiao.reports import services


class Command(BaseCommand):
    help = "Create the funder report of a year: an XLSX workbook and a PDF in German and English."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--output", default=".", help="Folder to write the files to.")

    def handle(self, *args, year, output, **options):
        if not 2000 <= year <= 2100:
            raise CommandError("Give a year between 2000 and 2100.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        for file_format, language in (("xlsx", "de"), ("pdf", "de"), ("pdf", "en")):
            content = services.create_funder_report(
                year, file_format=file_format, language=language, user=None
            )
            path = folder / f"funder-report-{year}-{language}.{file_format}"
            path.write_bytes(content)
            self.stdout.write(str(path))
