"""The custom image and document models do not declare Wagtail's "choose"
permission; create it so collection-scoped staff see their own images and
documents in the choosers."""

from django.db import migrations

MODELS = {"customimage": "Can choose image", "customdocument": "Can choose document"}


def create_choose_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, name in MODELS.items():
        content_type, _created = ContentType.objects.get_or_create(
            app_label="media", model=model
        )
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"choose_{model}",
            defaults={"name": name},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("media", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_choose_permissions, migrations.RunPython.noop)
    ]
