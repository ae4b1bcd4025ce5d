"""The index's state token (search.models.IndexState): its one row, with a
first token for the entries already indexed."""

import uuid

from django.db import migrations, models


def first_token(apps, schema_editor):
    apps.get_model("search", "IndexState").objects.update_or_create(
        id=1, defaults={"token": uuid.uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0017_postgresql_vietnamese_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(first_token, migrations.RunPython.noop),
    ]
