"""Staff groups held their collection permissions on the custom image and
document models (media.add_customimage, ...), which Wagtail's image and document
permission policies never read: they check wagtailimages.*_image and
wagtaildocs.*_document. Centre staff and province editors could therefore
neither list, upload nor choose images and documents, even in their own
collection. Give every group that holds the former the latter, on the same
collections, and drop the former."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "choose")
# (custom model, Wagtail's app label, Wagtail's model, verbose name)
MODELS = (
    ("customimage", "wagtailimages", "image", "image"),
    ("customdocument", "wagtaildocs", "document", "document"),
)


def wagtail_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    for custom, app_label, model, name in MODELS:
        for action in ACTIONS:
            old = GroupCollectionPermission.objects.filter(
                permission__content_type__app_label="media",
                permission__codename=f"{action}_{custom}",
            )
            rules = list(old.values_list("group_id", "collection_id"))
            if not rules:
                continue
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {name}"},
            )
            for group_id, collection_id in rules:
                GroupCollectionPermission.objects.get_or_create(
                    group_id=group_id,
                    collection_id=collection_id,
                    permission=permission,
                )
            old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0004_import_job"),
        ("media", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(wagtail_permissions, migrations.RunPython.noop)]
