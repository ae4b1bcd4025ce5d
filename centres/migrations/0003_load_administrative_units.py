from django.db import migrations

from centres.reference import commune_rows, province_rows


def load(apps, schema_editor):
    Province = apps.get_model("centres", "Province")
    Commune = apps.get_model("centres", "Commune")
    Province.objects.bulk_create([Province(**row) for row in province_rows()])
    ids = dict(Province.objects.values_list("code", "id"))
    communes = []
    for row in commune_rows():
        row["province_id"] = ids[row.pop("province_code")]
        communes.append(Commune(**row))
    Commune.objects.bulk_create(communes, batch_size=500)


def unload(apps, schema_editor):
    apps.get_model("centres", "Commune").objects.all().delete()
    apps.get_model("centres", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("centres", "0002_initial")]
    operations = [migrations.RunPython(load, unload)]
