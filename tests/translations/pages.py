"""Vietnamese pages of the demo portal by translation state, for the tests."""


def translated(model, language):
    """Live Vietnamese ``model`` pages that have a translation into ``language``,
    in tree order."""
    keys = model.objects.filter(locale__language_code=language).values(
        "translation_key"
    )
    return (
        model.objects.live()
        .filter(locale__language_code="vi", translation_key__in=keys)
        .order_by("path")
    )


def untranslated(model, language=None):
    """Live Vietnamese ``model`` pages with no translation into ``language`` (into
    any language when None), in tree order."""
    others = model.objects.exclude(locale__language_code="vi")
    if language is not None:
        others = others.filter(locale__language_code=language)
    return (
        model.objects.live()
        .filter(locale__language_code="vi")
        .exclude(translation_key__in=others.values("translation_key"))
        .order_by("path")
    )
