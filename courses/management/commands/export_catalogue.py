import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from centres.models import CentrePage
from centres.selectors import PlaceNotFound, province_find
from courses.catalogue import catalogue_export


class Command(BaseCommand):
    help = "Write the catalogue (docs/catalogue-format.md) as JSON to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--centre", help="only this centre code")
        parser.add_argument("--province", help="only this province (name or code)")
        parser.add_argument("--output", "-o", help="write to this file")

    def handle(self, centre, province, output, **options):
        centres = CentrePage.objects.filter(locale=Locale.get_default())
        if centre:
            centres = centres.filter(code=centre)
            if not centres.exists():
                raise CommandError(
                    _("unknown centre %(code)s") % {"code": repr(centre)}
                )
        if province:
            try:
                centres = centres.filter(commune__province=province_find(province))
            except PlaceNotFound:
                raise CommandError(
                    _("unknown province %(name)s") % {"name": repr(province)}
                ) from None
        text = json.dumps(catalogue_export(centres), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            self.stdout.write(text)
