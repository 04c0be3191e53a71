"""The 19 areas of the production check of GOST 8.14 (stage 1 of the program of Annex Д)."""

from django.db import migrations

# A copy of audits.reference.CHECK_AREAS as it stood when this migration was written.
CHECK_AREAS = (
    ("technological_documentation", "Анализ технологической документации",
     "Analysis of the technological documentation"),
    ("personnel_competence", "Компетентность персонала", "Competence of the personnel"),
    ("identification_traceability", "Идентификация продукции и прослеживаемость",
     "Product identification and traceability"),
    ("quality_records", "Управление регистрацией данных о качестве", "Control of quality records"),
    ("food_safety_system",
     "Анализ документации системы менеджмента безопасности пищевой продукции",
     "Analysis of the food safety management system documentation"),
    ("incoming_inspection", "Входной контроль сырья и материалов",
     "Incoming inspection of raw materials and materials"),
    ("additives_gmo", "Контроль пищевых добавок и наличия сырья, содержащего ГМО",
     "Control of food additives and of raw materials containing GMOs"),
    ("inspection_testing", "Контроль и проведение испытаний", "Inspection and testing"),
    ("animal_origin_processing",
     "Соблюдение требований к процессам получения переработанной пищевой продукции "
     "животного происхождения",
     "Requirements for the processes producing processed food of animal origin"),
    ("production_technology", "Соблюдение технологии производства",
     "Adherence to the production technology"),
    ("premises", "Соблюдение требований к организации производственных помещений",
     "Requirements for the organization of the production premises"),
    ("equipment",
     "Соблюдение требований к используемому технологическому оборудованию и инвентарю",
     "Requirements for the process equipment and utensils"),
    ("storage_waste",
     "Соблюдение требований к условиям хранения и удаления отходов производства",
     "Requirements for storage conditions and the removal of production waste"),
    ("disposal", "Соблюдение требований к процессам утилизации продукции",
     "Requirements for the disposal of products"),
    ("sanitation", "Санитарно-гигиеническое состояние производства",
     "Sanitary and hygienic condition of the production"),
    ("measuring_equipment",
     "Управление контрольным, измерительным и испытательным оборудованием",
     "Control of inspection, measuring and test equipment"),
    ("corrective_actions", "Корректирующие и предупреждающие действия",
     "Corrective and preventive actions"),
    ("packaging_labelling", "Упаковка, маркировка продукции",
     "Packaging and labelling of products"),
    ("storage_transport_sale", "Процессы хранения, транспортирования и реализации продукции",
     "Storage, transportation and sale of products"),
)


def load(apps, schema_editor):
    CheckArea = apps.get_model("audits", "CheckArea")
    for order, (code, name_ru, name_en) in enumerate(CHECK_AREAS, start=1):
        CheckArea.objects.get_or_create(
            code=code, defaults={"order": order, "name_ru": name_ru, "name_en": name_en}
        )


class Migration(migrations.Migration):

    dependencies = [("audits", "0002_program_sampling_journal")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
