from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from centres.models import CentrePage, ProvincePage
from staff.services import AccountRefused, province_editor_add, staff_add


class Command(BaseCommand):
    help = (
        "Make USERNAME (created when needed, without a password: they set one "
        "through 'Forgotten password?') staff of the centre CENTRE_CODE, or with "
        "--province-editor an editor of that centre's province."
    )

    def add_arguments(self, parser):
        parser.add_argument("centre_code")
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--province-editor", action="store_true")

    def handle(self, centre_code, username, email, province_editor, **options):
        centre = CentrePage.objects.filter(
            code=centre_code.strip(), locale=Locale.get_default()
        ).first()
        if centre is None:
            raise CommandError(
                _("Unknown centre code %(code)s.") % {"code": centre_code}
            )
        try:
            user, created, where = self._add(centre, username, email, province_editor)
        except AccountRefused as refusal:
            raise CommandError(refusal.message) from refusal
        self.stdout.write(
            (
                _("Created user %(user)s; they are now staff of %(where)s.")
                if created
                else _("%(user)s is now staff of %(where)s.")
            )
            % {"user": user.username, "where": where}
        )

    def _add(self, centre, username, email, province_editor):
        if province_editor:
            province_page = ProvincePage.objects.filter(
                pk=centre.get_parent().pk
            ).first()
            if province_page is None:
                raise CommandError(
                    _("The centre %(code)s is not in a known province.")
                    % {"code": centre.code}
                )
            user, created = province_editor_add(province_page, username, email)
            where = province_page.title
        else:
            user, created = staff_add(centre, username, email)
            where = centre.title
        return user, created, where
