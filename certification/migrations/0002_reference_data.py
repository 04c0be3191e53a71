"""Reference data: product categories (GOST section 1), dossier documents (GOST 8.8) and the
normative documents most applications cite. Editable in the admin afterwards."""

from django.db import migrations

# GOST section 1: code, Russian, English, slaughter products, animal raw materials,
# bottled waters from underground sources.
CATEGORIES = [
    ("meat", "Мясо и мясная продукция", "Meat and meat products", True, True, False),
    ("fish", "Рыба и рыбная продукция", "Fish and fish products", False, True, False),
    ("milk", "Молоко и молочная продукция", "Milk and dairy products", False, True, False),
    ("poultry", "Мясо птицы и продукты ее переработки", "Poultry meat and poultry products",
     True, True, False),
    ("eggs", "Яйца птиц и продукты их переработки", "Eggs and egg products", False, True, False),
    ("grain", "Зерно и продукты его переработки", "Grain and grain products", False, False, False),
    ("bakery", "Хлебобулочные и макаронные изделия", "Bakery products and pasta",
     False, False, False),
    ("fats", "Масложировая продукция", "Oils and fats", False, False, False),
    ("juices", "Соковая продукция из фруктов и овощей", "Fruit and vegetable juices",
     False, False, False),
    ("fruit-veg", "Фрукты, овощи, грибы и продукты их переработки",
     "Fruit, vegetables, mushrooms and their products", False, False, False),
    ("sugar", "Продукты сахарной промышленности", "Sugar industry products", False, False, False),
    ("confectionery", "Кондитерские изделия", "Confectionery", False, False, False),
    ("water", "Воды питьевые и минеральные бутилированные", "Bottled drinking and mineral waters",
     False, False, True),
    ("soft-drinks", "Безалкогольные напитки", "Soft drinks", False, False, False),
    ("honey", "Мед и продукты пчеловодства", "Honey and bee products", False, True, False),
    ("tea-coffee", "Чай, кофе, чайные и кофейные напитки", "Tea, coffee and their drinks",
     False, False, False),
    ("additives", "Пищевые добавки, ароматизаторы, технологические вспомогательные средства",
     "Food additives, flavourings and processing aids", False, False, False),
    ("spices", "Пряности и сухие приправы", "Spices and dry seasonings", False, False, False),
    ("concentrates", "Пищевые концентраты", "Food concentrates", False, False, False),
    ("supplements", "Биологически активные добавки (БАД)", "Dietary supplements",
     False, False, False),
    ("microorganisms", "Микроорганизмы (грибы, бактерии, дрожжи и т. п.)",
     "Microorganisms (fungi, bacteria, yeasts, etc.)", False, False, False),
    ("packaging", "Упаковка", "Packaging", False, False, False),
    ("cosmetics", "Парфюмерно-косметическая продукция", "Perfumery and cosmetics",
     False, False, False),
]

# GOST 8.8, in the order of the clause: code, Russian, English, when required, signed online.
DOCUMENTS = [
    ("legal-status",
     "Копии документов, подтверждающих юридический статус предприятия и правомерность "
     "производства продукции",
     "Copies of documents confirming the legal status of the enterprise and its right to "
     "produce the products", "always", False),
    ("org-chart",
     "Структурная схема организации (основные и вспомогательные производственные подразделения, "
     "инженерные и административные службы, связи между ними)",
     "Organization chart (main and auxiliary production units, engineering and administrative "
     "services, links between them)", "always", False),
    ("branches", "Сведения о наличии филиалов и их расположении",
     "Branches and their locations", "always", False),
    ("capacity-layouts",
     "Схемы производственных мощностей, в том числе задействованных при производстве продукции "
     "«Халяль»",
     "Layouts of production capacities, including those used for halal products", "always",
     False),
    ("no-overlap",
     "Заявление об отсутствии пересечения производственных мощностей по изготовлению продукции "
     "«Халяль» и продукции «Харам» и о должной очистке мощностей перед выпуском продукции «Халяль»",
     "Statement that halal and haram production capacities do not overlap and that capacities "
     "are properly cleaned before halal production", "always", False),
    ("slaughter-only",
     "Заявление о том, что производственные мощности цеха по убою скота производят только "
     "продукцию «Халяль» либо должным образом очищены",
     "Statement that the slaughter shop produces only halal products or is properly cleaned",
     "slaughter", False),
    ("slaughter-methods", "Информация о методах убоя животных и методах оглушения",
     "Methods of slaughter and stunning", "slaughter", False),
    ("equipment",
     "Информация о технологическом оборудовании и инвентаре, использованном в процессе "
     "производства продукции «Халяль»",
     "Process equipment and inventory used to produce halal products", "always", False),
    ("process-flow", "Схема последовательности операций производственного процесса продукции "
     "«Халяль»", "Process flow chart of halal production", "always", False),
    ("staff",
     "Сведения о численности и компетентности персонала, задействованного в производстве "
     "продукции «Халяль», в том числе список бойцов (при необходимости)",
     "Number and competence of the staff in halal production, including the list of "
     "slaughterers where applicable", "always", False),
    ("complaints",
     "Данные о рекламациях и претензиях потребителей, материалы проверок контролирующими "
     "(надзорными) органами за последние 12 мес и результаты их рассмотрения",
     "Consumer complaints and claims, inspections by supervisory authorities in the last "
     "12 months and their outcome", "always", False),
    ("raw-materials",
     "Перечень и состав сырья, вспомогательных материалов для всех продуктов и документы, "
     "подтверждающие их соответствие",
     "List and composition of raw and auxiliary materials for every product, with their "
     "conformity documents", "always", False),
    ("veterinary",
     "Документ на сырье, подтверждающий благополучие в ветеринарном отношении хозяйств "
     "происхождения животных",
     "Document confirming the veterinary well-being of the farms the animals come from",
     "animal_raw", False),
    ("water-permit",
     "Разрешение на спецводопользование и информация текущего года о санитарно-экологическом "
     "состоянии территории скважины",
     "Special water-use permit and current-year sanitary and ecological data of the well site",
     "underground_water", False),
    ("normative-docs",
     "Нормативные документы, рецептура, технологическая инструкция, технологический регламент",
     "Normative documents, recipes, process instructions and regulations", "always", False),
    ("test-reports",
     "Протоколы испытаний продукции, выполненные в текущем году",
     "Product test reports of the current year", "always", False),
    ("fsms-gmp",
     "Копия сертификата на систему менеджмента безопасности пищевой продукции, GMP, сертификата "
     "или декларации о соответствии на продукцию (при наличии)",
     "Copy of the food safety management system or GMP certificate, product certificate or "
     "declaration of conformity (if any)", "if_any", False),
    ("packaging",
     "Документы, подтверждающие соответствие упаковочного материала требованиям безопасности и "
     "настоящего стандарта",
     "Documents confirming that packaging materials meet safety requirements and this standard",
     "always", False),
    ("declaration", "Декларация заявителя", "The applicant's declaration", "always", True),
]

NORMATIVE_DOCUMENTS = [
    ("ГОСТ «Продукция «Халяль»»",
     "Продукция «Халяль». Требования к продукции, производству, хранению, транспортированию, "
     "реализации и маркировке. Основные положения"),
    ("ГОСТ 31962-2013", "Мясо кур (тушки кур, цыплят, цыплят-бройлеров и их части). Технические "
     "условия"),
    ("ГОСТ 33818-2016", "Мясо. Говядина высококачественная. Технические условия"),
    ("ГОСТ 31450-2013", "Молоко питьевое. Технические условия"),
    ("ГОСТ 31981-2013", "Йогурты. Общие технические условия"),
    ("ГОСТ 32366-2013", "Рыба мороженая. Технические условия"),
    ("ГОСТ 31361-2008", "Изделия хлебобулочные из пшеничной муки. Общие технические условия"),
    ("ГОСТ 6478-2017", "Изделия кондитерские. Общие технические условия"),
    ("ГОСТ 32220-2013", "Вода питьевая, расфасованная в емкости. Общие технические условия"),
    ("ГОСТ 31766-2012", "Меды монофлорные. Технические условия"),
    ("ГОСТ 32157-2013", "Кондитерские изделия. Шоколад. Технические условия"),
]


def load(apps, schema_editor):
    category = apps.get_model("certification", "ProductCategory")
    for order, (code, ru, en, slaughter, animal, water) in enumerate(CATEGORIES, start=1):
        category.objects.update_or_create(
            code=code,
            defaults={"order": order, "name_ru": ru, "name_en": en,
                      "involves_slaughter": slaughter, "animal_raw_materials": animal,
                      "underground_water": water},
        )
    document_type = apps.get_model("certification", "DocumentType")
    for order, (code, ru, en, applicability, online) in enumerate(DOCUMENTS, start=1):
        document_type.objects.update_or_create(
            code=code,
            defaults={"order": order, "name_ru": ru, "name_en": en, "clause": "8.8",
                      "applicability": applicability, "signed_online": online},
        )
    normative_document = apps.get_model("certification", "NormativeDocument")
    for designation, title in NORMATIVE_DOCUMENTS:
        normative_document.objects.get_or_create(designation=designation, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
