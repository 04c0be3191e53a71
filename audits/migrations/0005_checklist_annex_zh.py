"""Version 1 of the checklist of the production-check act: the 20 sections of Annex Ж with
every item as the form prints it (the list punctuation at the end of a line dropped), and an
English rendering. Sections without a list in the annex get one item: the section itself."""

import datetime

from django.db import migrations

# (number, Russian title, English title, [(Russian item, English item), ...]); an empty list
# means the section is checked as a whole.
SECTIONS = (
    (1, "Анализ технологической документации", "Analysis of the technological documentation", [
        ("наличие учтенных экземпляров технологической документации, разработанной и "
         "согласованной в установленном порядке",
         "registered copies of the technological documentation, developed and agreed in the "
         "established manner"),
        ("наличие в технологической документации всех производственных операций и режимов, "
         "обеспечивающих производство продукции",
         "all production operations and process conditions needed to make the products are in "
         "the technological documentation"),
        ("своевременность актуализации технологической документации",
         "the technological documentation is updated in time"),
        ("наличие ответственного за технологическую документацию",
         "a person responsible for the technological documentation"),
        ("обеспеченность документацией служб предприятия, производственных подразделений, "
         "рабочих мест",
         "the enterprise's services, production units and workplaces have the documentation"),
        ("достаточность и согласованность приведенной номенклатуры показателей в "
         "технологической документации с требованиями нормативных документов, действующих на "
         "территории государства, принявшего настоящий стандарт",
         "the indicators listed in the technological documentation are sufficient and agree "
         "with the normative documents in force in the state that adopted the standard"),
    ]),
    (2, "Компетентность персонала", "Competence of the personnel", [
        ("уровень подготовки и соответствующего образования, стаж работы в данной должности",
         "level of training and relevant education, length of service in the position"),
        ("сведения о повышении квалификации персонала",
         "records of the personnel's further training"),
    ]),
    (3, "Идентификация продукции и прослеживаемость", "Product identification and traceability", [
        ("объекты идентификации (сырье, вспомогательные материалы, готовая продукция, "
         "несоответствующая продукция, технологическое оборудование и т. д.)",
         "objects of identification (raw materials, auxiliary materials, finished products, "
         "nonconforming products, process equipment etc.)"),
        ("идентификация несоответствующей продукции", "identification of nonconforming products"),
        ("методы идентификации продукции (этикетка, ярлык, надпись, обозначение, журналы "
         "контроля и другие методы)",
         "methods of product identification (label, tag, inscription, designation, control "
         "logs and other methods)"),
        ("сохранность маркировочных признаков в процессе производства и хранения",
         "the marking survives production and storage"),
        ("возможность прослеживаемости продукции в процессе производства и хранения",
         "the products can be traced through production and storage"),
    ]),
    (4, "Управление регистрацией данных о качестве", "Control of quality records", [
        ("регистрация результатов контроля и испытаний (входного, в процессе производства, "
         "приемочного)",
         "results of inspections and tests are recorded (incoming, in-process, acceptance)"),
        ("данные о рекламациях и претензиях к готовой продукции",
         "records of complaints and claims about finished products"),
        ("результаты проверок соответствия выпускаемой продукции требованиям нормативных "
         "документов, действующих на территории государства, принявшего настоящий стандарт "
         "органами государственного надзора",
         "results of state supervision checks of the products' conformity with the normative "
         "documents in force in the state that adopted the standard"),
        ("организация, порядок хранения, архивирования зарегистрированных данных о качестве",
         "how the quality records are kept and archived"),
        ("регистрация рекламаций и принятых по ним мер",
         "complaints and the measures taken on them are recorded"),
        ("наличие книги жалоб и предложений, зарегистрированной в установленном порядке",
         "a book of complaints and suggestions registered in the established manner"),
    ]),
    (5, "Анализ документации системы менеджмента безопасности пищевой продукции",
     "Analysis of the food safety management system documentation", []),
    (6, "Входной контроль сырья и материалов",
     "Incoming inspection of raw materials and materials", [
        ("наличие на предприятии службы или ответственного по проведению данного вида контроля",
         "a service or a person responsible for this inspection at the enterprise"),
        ("наличие схем контроля сырья и вспомогательных материалов, соблюдение схем контроля "
         "сырья и вспомогательных материалов",
         "inspection schemes for raw and auxiliary materials exist and are followed"),
        ("наличие актуализированных нормативных документов, действующих на территории "
         "государства, принявшего настоящий стандарт, в соответствии с которыми проводится "
         "входной контроль",
         "up-to-date normative documents in force in the state that adopted the standard, under "
         "which the incoming inspection is done"),
        ("регистрация результатов входного контроля",
         "results of the incoming inspection are recorded"),
        ("наличие на сырье вспомогательных материалов, документов, удостоверяющих качество и "
         "безопасность продукции, предусмотренных действующим законодательством",
         "raw and auxiliary materials come with the documents certifying their quality and "
         "safety required by law"),
    ]),
    (7, "Контроль за содержанием пищевых добавок и наличия сырья, содержащего ГМО",
     "Control of food additives and of raw materials containing GMOs", [
        ("используемые пищевые добавки, в том числе возможность их применения для продукции и "
         "их предельно допустимое содержание",
         "food additives used, including whether they may be used in the products and their "
         "maximum permitted content"),
        ("наличие в маркировке продукции информации об используемых пищевых добавках",
         "the labelling of the products names the food additives used"),
        ("наличие протоколов испытаний на ГМО на применяемое сырье",
         "GMO test reports for the raw materials used"),
    ]),
    (8, "Контроль и проведение испытаний", "Inspection and testing", [
        ("наличие на предприятии лаборатории, ее статус",
         "a laboratory at the enterprise and its status"),
        ("документы, определяющие основные функции, права и ответственность службы контроля "
         "предприятия",
         "documents defining the main functions, rights and responsibilities of the "
         "enterprise's inspection service"),
        ("наличие схем контроля, согласованных в установленном порядке",
         "inspection schemes agreed in the established manner"),
        ("наличие в схемах контроля всех необходимых объектов контроля, показателей и "
         "параметров технологического процесса, подлежащих контролю, периодичности контроля, "
         "правильности выбора методов испытаний и т. д.",
         "the inspection schemes contain every object, indicator and process parameter to be "
         "inspected, the frequency of inspection, correctly chosen test methods etc."),
        ("соблюдение схем контроля", "the inspection schemes are followed"),
        ("способы регистрации результатов контроля", "how inspection results are recorded"),
        ("наличие актуализированных нормативных документов, действующих на территории "
         "государства, принявшего настоящий стандарт, устанавливающих требования к продукции, "
         "методам испытаний, приготовлению растворов, химических реактивов и т. д.",
         "up-to-date normative documents in force in the state that adopted the standard on "
         "the products, test methods, preparation of solutions, chemical reagents etc."),
        ("наличие достаточного количества испытательного оборудования для осуществления "
         "испытаний",
         "enough test equipment to carry out the tests"),
        ("наличие необходимого перечня химических реактивов для проведения испытаний и "
         "соблюдение сроков годности химических растворов и реактивов",
         "the chemical reagents needed for the tests, and the shelf lives of chemical "
         "solutions and reagents are observed"),
        ("наличие заключенных договоров с аккредитованной испытательной лабораторией (далее – "
         "АИЛ)",
         "contracts with an accredited testing laboratory (ATL)"),
        ("наличие протоколов испытаний АИЛ", "test reports of the ATL"),
        ("наличие и выполнение процедур по управлению несоответствующей продукцией",
         "procedures for the control of nonconforming products exist and are followed"),
        ("хранение контрольных образцов продукции", "retained samples of the products are kept"),
    ]),
    (9, "Соблюдение требований к процессам получения переработанной пищевой продукции "
        "животного происхождения",
     "Requirements for the processes producing processed food of animal origin", []),
    (10, "Соблюдение технологии производства", "Adherence to the production technology", [
        ("соблюдение технологической дисциплины (соблюдение последовательности и точности "
         "выполнения технологических операций)",
         "technological discipline (the sequence and accuracy of the process operations are "
         "observed)"),
        ("наличие необходимой технологической документации на местах",
         "the necessary technological documentation is at the workplaces"),
        ("обеспечение поточности технологического процесса, исключение встречных потоков "
         "сырья, вспомогательных материалов, полуфабрикатов и готовой продукции",
         "the process flows in one direction, with no crossing flows of raw materials, "
         "auxiliary materials, semi-finished and finished products"),
        ("наличие и правильность применения измерительного оборудования, осуществляющего "
         "контроль параметров технологического процесса",
         "measuring equipment that monitors the process parameters exists and is used "
         "correctly"),
    ]),
    (11, "Соблюдение требований к организации производственных помещений",
     "Requirements for the organization of the production premises", []),
    (12, "Соблюдение требований к используемому технологическому оборудованию и инвентарю",
     "Requirements for the process equipment and utensils", []),
    (13, "Соблюдение требований к условиям хранения и удаления отходов производства",
     "Requirements for storage conditions and the removal of production waste", []),
    (14, "Соблюдение требований к процессам утилизации продукции",
     "Requirements for the disposal of products", []),
    (15, "Санитарно-гигиеническое состояние производства",
     "Sanitary and hygienic condition of the production", [
        ("соблюдение требований санитарных правил и норм для предприятий соответствующих "
         "отраслей и требований настоящего стандарта",
         "the sanitary rules and norms of the industry and the requirements of the standard "
         "are observed"),
        ("наличие ответственных за санитарное состояние производства",
         "persons responsible for the sanitary condition of the production"),
        ("наличие ответственного лица или подразделения, осуществляющего контроль за "
         "санитарным состоянием производства",
         "a person or unit that monitors the sanitary condition of the production"),
        ("наличие и соблюдение графиков уборки, мойки, дезинфекции, дезинсекции и дератизации",
         "schedules of cleaning, washing, disinfection, disinsection and deratization exist "
         "and are followed"),
        ("контроль сторонними организациями санитарного состояния производства",
         "outside organizations monitor the sanitary condition of the production"),
        ("наличие уборочного инвентаря, его идентификация и места его хранения",
         "cleaning equipment, its identification and where it is kept"),
        ("наличие контроля за концентрацией моющих и дезинфицирующих веществ",
         "the concentration of detergents and disinfectants is monitored"),
        ("способы регистрации результатов контроля санитарно-гигиенического состояния "
         "производства",
         "how the results of monitoring the sanitary and hygienic condition are recorded"),
        ("требования, предъявляемые к персоналу, в том числе наличие санитарных книжек",
         "requirements for the personnel, including health record books"),
    ]),
    (16, "Управление контрольным, измерительным и испытательным оборудованием",
     "Control of inspection, measuring and test equipment", [
        ("наличие положения о метрологическом обеспечении предприятия (или приказа о "
         "назначении ответственного за метрологическое обеспечение)",
         "a regulation on the metrological assurance of the enterprise (or an order "
         "appointing the person responsible for it)"),
        ("организация учета, регистрации средств измерений и испытательного оборудования",
         "measuring instruments and test equipment are accounted for and registered"),
        ("наличие графика метрологической поверки (аттестации или калибровки) средств "
         "измерений, согласованного в установленном порядке, и соблюдение сроков их проведения",
         "a schedule of verification (certification or calibration) of measuring instruments "
         "agreed in the established manner, and its dates are kept"),
        ("наличие документов о результатах метрологической поверки (аттестации или калибровки) "
         "средств измерений",
         "documents with the results of the verification (certification or calibration) of "
         "measuring instruments"),
        ("организация технического обслуживания и ремонта средств измерений",
         "maintenance and repair of measuring instruments"),
    ]),
    (17, "Корректирующие и предупреждающие действия", "Corrective and preventive actions", [
        ("наличие на предприятии документированных процедур «Корректирующие действия» и "
         "«Предупреждающие действия»",
         "documented procedures «Corrective actions» and «Preventive actions» at the enterprise"),
        ("возможные несоответствия в процессе производства, корректирующие и предупреждающие "
         "действия",
         "possible nonconformities in production, corrective and preventive actions"),
        ("наличие процедуры использования, уничтожения или утилизации продукции, не "
         "соответствующей нормативных документов, действующих на территории государства, "
         "принявшего настоящий стандарт",
         "a procedure for using, destroying or disposing of products that do not conform to "
         "the normative documents in force in the state that adopted the standard"),
    ]),
    (18, "Упаковка, маркировка продукции", "Packaging and labelling of products", [
        ("маркировка готовой продукции в соответствии с требованиями настоящего стандарта, "
         "действующих нормативных документов, действующих на территории государства, "
         "принявшего настоящий стандарт на продукцию",
         "finished products are labelled as the standard and the normative documents on the "
         "products in force in the state that adopted the standard require"),
        ("способ нанесения маркировки обеспечивает ее сохранность в течение всего срока "
         "годности при соблюдении установленных изготовителем условий хранения",
         "the way the marking is applied keeps it intact for the whole shelf life under the "
         "storage conditions set by the manufacturer"),
        ("упаковка готовой продукции в соответствии с требованиями настоящего стандарта, "
         "действующих нормативных документов, действующих на территории государства, "
         "принявшего настоящий стандарт на продукцию",
         "finished products are packed as the standard and the normative documents on the "
         "products in force in the state that adopted the standard require"),
    ]),
    (19, "Процессы хранения, транспортирования и реализации продукции в соответствии с "
         "требованиями настоящего стандарта",
     "Storage, transportation and sale of products as the standard requires", [
        ("обеспеченность предприятия необходимыми средствами и механизмами, обеспечивающими "
         "погрузочно-разгрузочные работы",
         "the enterprise has the means and machinery needed for loading and unloading"),
        ("наличие складских помещений для хранения сырья, вспомогательных материалов и готовой "
         "продукции",
         "warehouses for raw materials, auxiliary materials and finished products"),
        ("соблюдение условий хранения сырья, вспомогательных материалов и готовой продукции в "
         "соответствии с требованиями нормативных документов, действующих на территории "
         "государства, принявшего настоящий стандарт технологической документации",
         "raw materials, auxiliary materials and finished products are stored as the normative "
         "documents in force in the state that adopted the standard and the technological "
         "documentation require"),
        ("соблюдение идентификации хранящейся продукции, сырья и материалов",
         "stored products, raw materials and materials stay identified"),
        ("наличие договоров с транспортными компаниями, в которых отражены требования к "
         "состоянию транспортных средств",
         "contracts with transport companies that set requirements for the condition of the "
         "vehicles"),
        ("соблюдение требований нормативных документов, действующих на территории государства, "
         "принявшего настоящий стандарт по транспортированию продукции, в том числе соблюдение "
         "температурных режимов транспортирования",
         "the normative documents in force in the state that adopted the standard on the "
         "transportation of products are observed, including transport temperatures"),
        ("наличие (проверка) санитарных паспортов на транспортные средства",
         "sanitary passports of the vehicles (checked)"),
    ]),
    (20, "Результаты испытаний продукции, заявленной на право маркировки знаком «Халяль»",
     "Results of tests of the products declared for the right to mark with the «Halal» sign",
     []),
)


def load(apps, schema_editor):
    """Create version 1 unless a version exists (a database that already has its checklist
    keeps it)."""
    Version = apps.get_model("audits", "ChecklistVersion")
    Section = apps.get_model("audits", "ChecklistSection")
    Item = apps.get_model("audits", "ChecklistItem")
    if Version.objects.exists():
        return
    version = Version.objects.create(
        number=1,
        title="ГОСТ «Продукция «Халяль»», приложение Ж",
        effective_date=datetime.date(2026, 1, 1),
        is_current=True,
    )
    for number, title_ru, title_en, items in SECTIONS:
        section = Section.objects.create(
            version=version, number=number, title_ru=title_ru, title_en=title_en
        )
        for order, (text_ru, text_en) in enumerate(items or [(title_ru, title_en)], start=1):
            Item.objects.create(section=section, order=order, text_ru=text_ru, text_en=text_en)


class Migration(migrations.Migration):
    dependencies = [("audits", "0004_production_check_act")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
