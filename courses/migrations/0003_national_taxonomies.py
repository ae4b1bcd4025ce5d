import uuid

from django.db import migrations

from courses.taxonomy import AUDIENCES, CATEGORIES


def load(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    for model_name, rows in (("Category", CATEGORIES), ("Audience", AUDIENCES)):
        model = apps.get_model("courses", model_name)
        for order, (slug, name_vi, name_en) in enumerate(rows):
            key = uuid.uuid4()
            for locale, name in ((vi, name_vi), (en, name_en)):
                model.objects.create(
                    slug=slug,
                    name=name,
                    sort_order=order,
                    locale=locale,
                    translation_key=key,
                )


def unload(apps, schema_editor):
    apps.get_model("courses", "Category").objects.all().delete()
    apps.get_model("courses", "Audience").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(load, unload)]
