from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from staff.services import AccountRefused, translation_languages, translator_add


class Command(BaseCommand):
    help = (
        "Make USERNAME (created when needed, without a password: they set one "
        "through 'Forgotten password?') a translator into LANGUAGE (a language "
        "code such as km): they may edit and publish that language's pages only."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("language")
        parser.add_argument("--email", default="")

    def handle(self, username, language, email, **options):
        language = language.strip()
        languages = translation_languages()
        if language not in languages:
            raise CommandError(
                _(
                    "%(language)s is not a language translators translate into; "
                    "choose one of: %(languages)s."
                )
                % {"language": language, "languages": ", ".join(languages)}
            )
        username = username.strip()
        if not username:
            raise CommandError(_("Give the username of the translator."))
        try:
            user, created = translator_add(language, username, email)
        except AccountRefused as refusal:
            raise CommandError(refusal.message) from refusal
        self.stdout.write(
            (
                _("Created user %(user)s; they now translate into %(language)s.")
                if created
                else _("%(user)s now translates into %(language)s.")
            )
            % {"user": user.username, "language": language}
        )
