"""GOST 8.8: how recent each dossier document must be when the application is filed. Reference
data, editable in the admin afterwards; a type edited there already keeps its rule."""

from django.db import migrations

RULES = {
    # «протоколы испытаний продукции ... выполненные в текущем году»
    "test-reports": "current_year",
    # «информацию текущего года о санитарно-экологическом состоянии территории ... скважина»
    "water-permit": "current_year",
    # «данные о рекламациях ... материалы проверок ... за последние 12 мес»
    "complaints": "last_12_months",
    # Documents that end: the veterinary document and the certificate of the management system.
    "veterinary": "valid_on_submission",
    "fsms-gmp": "valid_on_submission",
}


def load(apps, schema_editor):
    DocumentType = apps.get_model("certification", "DocumentType")
    for code, rule in RULES.items():
        DocumentType.objects.filter(code=code, in_date_rule="").update(in_date_rule=rule)


class Migration(migrations.Migration):
    dependencies = [("certification", "0010_dossier_dates")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
