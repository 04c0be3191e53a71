"""Version 2 of the checklist of the production-check act: version 1 (Annex Ж as the form prints
it) plus each checkable halal requirement of GOST 7.1, 7.2, 7.3 and 7.5, with its clause, in the
section of the act it belongs to. Version 2 is the one new acts take; acts already drawn up keep
version 1. Self-contained: the items are copied here, not read from the code."""

import datetime

from django.db import migrations

# section number: [(clause, Russian item, English item), ...], added after the section's items.
HALAL_ITEMS = {
    10: [
        (
            "7.1",
            "продукция «Халяль» производится в первую смену на чистом технологическом "
            "оборудовании, предъявленном халяль-контролеру перед началом работ",
            "«Halal» products are made in the first shift on clean equipment shown to the halal "
            "controller before work starts",
        ),
    ],
    11: [
        (
            "7.1",
            "помещения, в которых производится убой животных, включая птиц, оборудованы системой "
            "видеофиксации on-line для постоянного контроля процесса (при убое)",
            "premises where animals, birds included, are slaughtered have online video recording "
            "for constant control of the process (where there is slaughter)",
        ),
    ],
    12: [
        (
            "7.1",
            "технологическое оборудование, инвентарь, тара и упаковка не изготовлены из "
            "продукции «Харам» и не содержат ее",
            "process equipment, inventory, containers and packaging are not made of and do not "
            "contain «Haram» products",
        ),
        (
            "7.1",
            "технологическое оборудование, инвентарь и тара не используются одновременно для "
            "производства продукции «Халяль» и продукции «Харам»",
            "process equipment, inventory and containers are not used for «Halal» and «Haram» "
            "products at the same time",
        ),
        (
            "7.1, приложение Б",
            "оборудование, инвентарь и тара, использовавшиеся для продукции «Харам», перед "
            "производством продукции «Халяль» очищены, вымыты и прошли ритуальную очистку по "
            "приложению Б под контролем халяль-контролера",
            "equipment, inventory and containers used for «Haram» products are cleaned, washed "
            "and ritually purified per Annex Б under the halal controller before «Halal» "
            "production",
        ),
        (
            "7.1",
            "при необходимости оборудование, инвентарь и тара промаркированы трудноудаляемым "
            "способом (слово «Халяль», буква «Х» или отличительная окраска), маркировка читаема, "
            "маркировочные материалы разрешены и изготовлены из продукции «Халяль»",
            "where needed, equipment, inventory and containers are marked in a lasting way (the "
            "word «Halal», the letter «Х» or a distinct colour), legibly, with approved marking "
            "materials made of «Halal» products",
        ),
    ],
    13: [
        (
            "7.3",
            "продукция «Халяль» не хранится совместно с продукцией «Харам», наджасой и продукцией "
            "другого вида, если это может привести к перекрестному загрязнению; соблюдаются "
            "условия хранения, установленные изготовителем",
            "«Halal» products are not stored together with «Haram» products, najasa or other "
            "products where this may cross-contaminate them; the manufacturer's storage "
            "conditions are kept",
        ),
    ],
    15: [
        (
            "7.1",
            "санитарная обработка оборудования, инвентаря и тары проводится перед началом работ "
            "по ППУ и требованиям стандарта, отдельно от обработки оборудования, контактировавшего "
            "с продукцией «Харам»",
            "equipment, inventory and containers are cleaned before work under the prerequisite "
            "programme and the standard, apart from those that were in contact with «Haram» "
            "products",
        ),
        (
            "7.1, 7.3",
            "мойка и очистка оборудования, транспортных средств и мест хранения фиксируются в "
            "журнале с датой, фамилиями исполнителей и подписью халяль-контролера; качество "
            "подтверждено лабораторными испытаниями или экспресс-тестами",
            "the cleaning of equipment, vehicles and storage places is recorded in the journal "
            "with the date, the performers' names and the halal controller's signature; its "
            "quality is confirmed by laboratory or express tests",
        ),
    ],
    18: [
        (
            "7.2",
            "упаковочные материалы и упаковка не изготовлены из продукции «Харам», не "
            "изготавливались на оборудовании, загрязненном продукцией «Харам», и на всех этапах "
            "физически отделены от материалов и продукции «Харам»",
            "packaging materials and packaging are not made of «Haram» products nor on equipment "
            "contaminated by them, and are kept physically apart from «Haram» materials and "
            "products at every stage",
        ),
        (
            "7.2",
            "материал этикеток, ярлыков и вкладышей, находящийся в контакте с продуктом, "
            "не относится к харам",
            "the material of labels, tags and inserts in contact with the product is not haram",
        ),
        (
            "7.2",
            "наименование продукции и ее компонентов (пищевых добавок, ароматизаторов) не "
            "ассоциируется с продукцией «Харам»",
            "the names of the products and of their ingredients (additives, flavourings) do not "
            "evoke «Haram» products",
        ),
        (
            "7.2",
            "для компонентов из продуктов убоя (жир, желатин, коллаген, сычуг) в маркировке "
            "указан вид продуктивного животного; указана информация о ГМО; рыба и объекты "
            "аквакультуры маркированы по виду",
            "for ingredients from slaughter products (fat, gelatine, collagen, rennet) the label "
            "names the animal species; GMO information is given; fish and aquaculture products "
            "are labelled by species",
        ),
        (
            "7.2, 8.2",
            "знак «Халяль» наносится только при наличии действующего сертификата",
            "the «Halal» sign is put on products only under a valid certificate",
        ),
    ],
    19: [
        (
            "7.3",
            "продукция «Халяль» не транспортируется совместно с продукцией «Харам», наджасой и "
            "продукцией другого вида, если это может привести к перекрестному загрязнению",
            "«Halal» products are not transported together with «Haram» products, najasa or "
            "other products where this may cross-contaminate them",
        ),
        (
            "7.3",
            "транспортные средства и контейнеры проходят санитарную обработку (дезинфекцию) до "
            "погрузки продукции «Халяль»",
            "vehicles and containers are cleaned (disinfected) before «Halal» products are loaded",
        ),
        (
            "7.5",
            "при реализации (если заявитель торгует): торговое оборудование и инвентарь для "
            "продукции «Халяль» не используются для продукции «Харам», при необходимости "
            "промаркированы, инвентарь, упаковка и тара хранятся отдельно",
            "in sale (where the applicant sells): trade equipment and inventory for «Halal» "
            "products are not used for «Haram» products, are marked where needed, and inventory, "
            "packaging and containers are kept apart",
        ),
        (
            "7.5",
            "при реализации: неупакованная продукция «Халяль» продается в специальных отделах "
            "отдельно от другой продукции, мясо разрубается в отдельной разрубочной, чашки весов "
            "общего пользования закрыты подложками",
            "in sale: unpacked «Halal» products are sold in special departments apart from "
            "other products, meat is cut in a separate cutting room, shared scales are covered "
            "with liners",
        ),
        (
            "7.5",
            "при реализации: продукция «Халяль» в оригинальной упаковке изготовителя, с "
            "маркировкой, при наличии документа, подтверждающего соответствие стандарту",
            "in sale: «Halal» products are in the manufacturer's original package, labelled, "
            "with a document confirming conformity with the standard",
        ),
    ],
}


def load(apps, schema_editor):
    """Copy the version in use into version 2 with the halal items, and put it in use. A
    database that already has a version 2 keeps it."""
    Version = apps.get_model("audits", "ChecklistVersion")
    Section = apps.get_model("audits", "ChecklistSection")
    Item = apps.get_model("audits", "ChecklistItem")
    if Version.objects.filter(number=2).exists():
        return
    base = Version.objects.filter(is_current=True).first() or Version.objects.filter(
        number=1
    ).first()
    if base is None:
        return  # no checklist at all: nothing to extend
    Version.objects.filter(is_current=True).update(is_current=False)
    version = Version.objects.create(
        number=2,
        title="ГОСТ «Продукция «Халяль»», приложение Ж с требованиями 7.1–7.3, 7.5",
        effective_date=datetime.date(2026, 12, 1),
        is_current=True,
    )
    for section in Section.objects.filter(version=base).order_by("number"):
        copy = Section.objects.create(
            version=version,
            number=section.number,
            title_ru=section.title_ru,
            title_en=section.title_en,
        )
        order = 0
        for item in Item.objects.filter(section=section).order_by("order", "pk"):
            order += 1
            Item.objects.create(
                section=copy,
                order=order,
                text_ru=item.text_ru,
                text_en=item.text_en,
                clause=item.clause,
            )
        for clause, text_ru, text_en in HALAL_ITEMS.get(section.number, []):
            order += 1
            Item.objects.create(
                section=copy, order=order, text_ru=text_ru, text_en=text_en, clause=clause
            )


def unload(apps, schema_editor):
    Version = apps.get_model("audits", "ChecklistVersion")
    version = Version.objects.filter(number=2).first()
    if version is None or version.acts.exists():
        return
    version.delete()
    Version.objects.filter(number=1).update(is_current=True)


class Migration(migrations.Migration):
    dependencies = [("audits", "0010_checklist_item_clause")]

    operations = [migrations.RunPython(load, unload)]
