"""Serializers for the page fields of the read API (``/api/v2/``) that are not plain
model fields. Kept free of model imports so that models can name them in
``api_fields``."""

from rest_framework import serializers


class PlaceNameField(serializers.Field):
    """A province or commune as ``{"code", "name"}``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"code": value.code, "name": value.name}


class PageTermsField(serializers.Field):
    """The national taxonomy terms a page holds in the field of this name (a term,
    or a many-to-many relation of terms), as ``{"slug", "name"}`` (a list for a
    relation), named in the page's language as the page itself names them:
    ``courses.selectors.page_terms``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        from courses.selectors import page_terms

        return page_terms(page, self.field_name)


class UpcomingClassSerializer(serializers.Serializer):
    """A dated class that has not ended yet; ``moved_from`` is set when the class
    was moved from another time."""

    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)
    place = serializers.CharField(read_only=True)
    moved_from = serializers.DateTimeField(source="original_start", read_only=True)


class PageTranslationsField(serializers.Field):
    """The live, public versions of a page in the other languages, as a list of
    ``{"id", "locale", "title", "url"}``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        translations = (
            page.get_translations(inclusive=False)
            .live()
            .public()
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [
            {
                "id": translation.pk,
                "locale": translation.locale.language_code,
                "title": translation.title,
                "url": translation.get_full_url(request),
            }
            for translation in translations
        ]
