"""Reference data of the production check: the areas of GOST 8.14 and the stages of the program
table of Annex Д. The areas live in the database (editable in the admin); this list is what the
data migration loads and what a fresh database gets back."""

from django.utils.translation import gettext_lazy as _

# GOST 8.14 / Annex Д, stage 1: (code, Russian name as in the form, English name).
CHECK_AREAS: tuple[tuple[str, str, str], ...] = (
    (
        "technological_documentation",
        "Анализ технологической документации",
        "Analysis of the technological documentation",
    ),
    ("personnel_competence", "Компетентность персонала", "Competence of the personnel"),
    (
        "identification_traceability",
        "Идентификация продукции и прослеживаемость",
        "Product identification and traceability",
    ),
    (
        "quality_records",
        "Управление регистрацией данных о качестве",
        "Control of quality records",
    ),
    (
        "food_safety_system",
        "Анализ документации системы менеджмента безопасности пищевой продукции",
        "Analysis of the food safety management system documentation",
    ),
    (
        "incoming_inspection",
        "Входной контроль сырья и материалов",
        "Incoming inspection of raw materials and materials",
    ),
    (
        "additives_gmo",
        "Контроль пищевых добавок и наличия сырья, содержащего ГМО",
        "Control of food additives and of raw materials containing GMOs",
    ),
    ("inspection_testing", "Контроль и проведение испытаний", "Inspection and testing"),
    (
        "animal_origin_processing",
        "Соблюдение требований к процессам получения переработанной пищевой продукции "
        "животного происхождения",
        "Requirements for the processes producing processed food of animal origin",
    ),
    (
        "production_technology",
        "Соблюдение технологии производства",
        "Adherence to the production technology",
    ),
    (
        "premises",
        "Соблюдение требований к организации производственных помещений",
        "Requirements for the organization of the production premises",
    ),
    (
        "equipment",
        "Соблюдение требований к используемому технологическому оборудованию и инвентарю",
        "Requirements for the process equipment and utensils",
    ),
    (
        "storage_waste",
        "Соблюдение требований к условиям хранения и удаления отходов производства",
        "Requirements for storage conditions and the removal of production waste",
    ),
    (
        "disposal",
        "Соблюдение требований к процессам утилизации продукции",
        "Requirements for the disposal of products",
    ),
    (
        "sanitation",
        "Санитарно-гигиеническое состояние производства",
        "Sanitary and hygienic condition of the production",
    ),
    (
        "measuring_equipment",
        "Управление контрольным, измерительным и испытательным оборудованием",
        "Control of inspection, measuring and test equipment",
    ),
    (
        "corrective_actions",
        "Корректирующие и предупреждающие действия",
        "Corrective and preventive actions",
    ),
    (
        "packaging_labelling",
        "Упаковка, маркировка продукции",
        "Packaging and labelling of products",
    ),
    (
        "storage_transport_sale",
        "Процессы хранения, транспортирования и реализации продукции",
        "Storage, transportation and sale of products",
    ),
)

# Annex Д, table of part 6: (number, title, done only when needed).
STAGES: tuple[tuple[int, str, bool], ...] = (
    (1, _("Analysis of the state of production in the areas of GOST 8.14"), False),
    (2, _("Analysis of the reports of periodic tests"), False),
    (3, _("Identification of products and sampling for tests (if needed)"), True),
    (
        4,
        _("Additional tests of the products for conformity with the standard (if needed)"),
        True,
    ),
    (5, _("Drawing up the act on the results of the check"), False),
)
STAGE_TITLES = {number: title for number, title, _optional in STAGES}
OPTIONAL_STAGES = {number for number, _title, optional in STAGES if optional}


def load_check_areas(model) -> None:
    """Create the areas of GOST 8.14 that are missing; edited names are left alone."""
    for order, (code, name_ru, name_en) in enumerate(CHECK_AREAS, start=1):
        model.objects.get_or_create(
            code=code, defaults={"order": order, "name_ru": name_ru, "name_en": name_en}
        )
