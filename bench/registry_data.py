"""The registry benchmark's data: manufacturer names that people search for, and the SQL that
clones the demo certificate ХП.00001 into a registry of any size (see registry.py)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import psycopg

NUMBER_SPACE = 99_999  # Л.4.1: five digits

# Manufacturer names are «ООО «<Brand>» — <kind> <place>». Brands are three syllables (27,000 of
# them, each on about 37 certificates at 1M rows): what people search for. A search for a
# «<kind> <place>» pair, shared by 1,250 certificates at 1M rows made of 60 very common words, is
# reported too, as the worst case of trigram search (every trigram of it is frequent).
SYLLABLES = [
    "Ак", "Ал", "Ба", "Бул", "Ва", "Гуль", "Да", "Ер", "Жан", "За", "Иль", "Ка", "Кур", "Ла",
    "Ма", "Нур", "Ос", "Па", "Ра", "Са", "Та", "Ту", "Ул", "Фа", "Ха", "Ча", "Ша", "Ыр", "Эль",
    "Яр",
]  # fmt: skip
KINDS = [
    "Мясокомбинат", "Птицефабрика", "Хлебозавод", "Молокозавод", "Кондитерская фабрика",
    "Консервный завод", "Маслозавод", "Рыбокомбинат", "Пивоваренный двор", "Агрофирма",
    "Сыроварня", "Макаронная фабрика", "Кондитерский дом", "Пекарня", "Колбасный цех",
    "Чайная компания", "Кофейная компания", "Медовая пасека", "Фабрика специй", "Винзавод",
]  # fmt: skip
PLACES = [
    "Казанский", "Уральский", "Волжский", "Заречный", "Алматинский", "Бугульминский",
    "Уфимский", "Самаркандский", "Ташкентский", "Минский", "Бакинский", "Бишкекский",
    "Астраханский", "Оренбургский", "Дагестанский", "Чеченский", "Крымский", "Сибирский",
    "Каспийский", "Нижегородский", "Пензенский", "Ульяновский", "Саратовский", "Чувашский",
    "Марийский", "Удмуртский", "Пермский", "Тюменский", "Омский", "Новосибирский",
    "Карагандинский", "Шымкентский", "Ферганский", "Бухарский", "Хорезмский", "Гомельский",
    "Брестский", "Гродненский", "Ереванский", "Душанбинский",
]  # fmt: skip
PRODUCTS = [
    "Говядина охлажденная", "Мясо кур", "Колбаса вареная", "Хлеб пшеничный", "Молоко питьевое",
    "Кефир", "Сыр твердый", "Масло сливочное", "Пахлава медовая", "Чак-чак", "Халва",
    "Рахат-лукум", "Печенье сахарное", "Консервы мясные", "Пельмени", "Манты", "Сок яблочный",
    "Вода питьевая", "Чай черный", "Кофе молотый", "Мед цветочный", "Специи", "Лапша яичная",
]  # fmt: skip
COUNTRIES = ["Россия", "Казахстан", "Узбекистан", "Беларусь", "Кыргызстан", "Азербайджан"]


def scramble(words: list[str], value: int) -> str:
    """The word `pick` chooses in SQL for ``value``."""
    return words[value * 7919 % len(words)]


def brand(g: int) -> str:
    """The brand of bench certificate ``g`` (as the SQL of `grow` builds it)."""
    return (
        scramble(SYLLABLES, g)
        + scramble(SYLLABLES, g // 30).lower()
        + scramble(SYLLABLES, g // 900).lower()
    )


# 50 brands of certificates 5..2,500 (present however small the run; brands recur every 27,000).
SEARCHES = [brand(g) for g in range(5, 2_500, 50)]
BROAD_SEARCHES = [f"{k} {p}" for k in KINDS[:5] for p in PLACES[:4]]  # 20 «kind place» pairs


# --- Database ---------------------------------------------------------------------------------


def psql_url(base: str, db: str) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


def connect(url: str, autocommit: bool = True):
    return psycopg.connect(url, autocommit=autocommit)


def create_database(admin_url: str, name: str) -> None:
    with connect(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # UTF-8 ctype: upper() and pg_trgm must understand Cyrillic.
        conn.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )


def drop_database(admin_url: str, name: str) -> None:
    with connect(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sql_array(words: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + w.replace("'", "''") + "'" for w in words) + "]"


def pick(words: list[str], expr: str) -> str:
    """A word of ``words`` chosen by a scrambled ``expr`` (so neighbours differ)."""
    return f"({sql_array(words)})[1 + (({expr})::bigint * 7919 % {len(words)})]"


def columns(conn, table: str) -> list[str]:
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def clone(conn, table: str, source: str, overrides: dict[str, str]) -> int:
    """INSERT INTO ``table`` a row per row of ``source`` (SQL with ``t`` = the template row):
    every column copied from the template except the ``overrides`` (column -> expression), so
    columns other engineers add later are carried along."""
    cols = columns(conn, table)
    select = ", ".join(overrides.get(c, f't."{c}"') for c in cols)
    names = ", ".join(f'"{c}"' for c in cols)
    return conn.execute(f"INSERT INTO {table} ({names}) SELECT {select} FROM {source}").rowcount


TRGM = ("cert_manufacturer_trgm", "cert_product_type_trgm", "certproduct_name_trgm")


def grow(db_url: str, total: int) -> float:
    """Clone the demo certificate ХП.00001 until the registry holds ``total`` certificates.
    The trigram indexes are dropped for the load and rebuilt after (much faster than updating
    them row by row). Returns the seconds it took."""
    started = time.monotonic()
    with connect(db_url, autocommit=False) as conn:
        have = conn.execute("SELECT count(*) FROM certification_certificate").fetchone()[0]
        if have >= total:
            return 0.0
        first, last = have + 1, total
        definitions = [
            conn.execute("SELECT pg_get_indexdef(%s::regclass)", [name]).fetchone()[0]
            for name in TRGM
        ]
        for name in TRGM:
            conn.execute(f'DROP INDEX "{name}"')
        series = f"generate_series({first}, {last}) g"
        template_application = (
            "(SELECT a.* FROM certification_application a JOIN certification_certificate c "
            "ON c.application_id = a.id WHERE c.number = 'ХП.00001') t"
        )
        clone(
            conn,
            "certification_application",
            f"{template_application}, {series}",
            {"number": "'BENCH-' || g", "state": "'certified'"},
        )
        number = (
            f"CASE WHEN g <= {NUMBER_SPACE} THEN 'ХП.' || lpad(g::text, 5, '0') "
            "ELSE 'Z' || lpad(g::text, 7, '0') END"
        )
        status = (
            "CASE WHEN g % 37 = 0 THEN 'suspended' WHEN g % 53 = 0 THEN 'withdrawn' "
            "WHEN g % 11 = 0 THEN 'expired' ELSE 'valid' END"
        )
        clone(
            conn,
            "certification_certificate",
            "(SELECT * FROM certification_certificate WHERE number = 'ХП.00001') t, "
            f"{series} JOIN certification_application a ON a.number = 'BENCH-' || g",
            {
                "number": number,
                "application_id": "a.id",
                "status": status,
                "status_changed_at": "now() - (g % 700) * interval '1 day'",
                "valid_from": "CASE WHEN g % 11 = 0 THEN current_date - 800 "
                "ELSE current_date - (g % 300) END",
                "valid_to": "CASE WHEN g % 11 = 0 THEN current_date - 70 "
                "ELSE current_date - (g % 300) + 729 END",
                "manufacturer_name": f"'ООО «' || {pick(SYLLABLES, 'g')} || "
                f"lower({pick(SYLLABLES, 'g / 30')}) || lower({pick(SYLLABLES, 'g / 900')}) || "
                f"'» — ' || {pick(KINDS, 'g / 7')} || ' ' || {pick(PLACES, 'g / 11')}",
                "manufacturer_country": pick(COUNTRIES, "g / 7"),
                "product_type": "''",
                "issued_at": "now()",
                "signed_at": "now()",
            },
        )
        new = "(SELECT id, number FROM certification_certificate WHERE id > " + (
            f"(SELECT max(id) FROM certification_certificate) - {last - first + 1})"
        )
        clone(
            conn,
            "certification_certificateproduct",
            "(SELECT * FROM certification_certificateproduct p WHERE p.certificate_id = "
            "(SELECT id FROM certification_certificate WHERE number = 'ХП.00001') "
            "AND p.annex_id IS NULL ORDER BY p.id LIMIT 1) t, "
            f"{new} c, generate_series(0, 1) k",
            {
                "certificate_id": "c.id",
                "annex_id": "NULL",
                "annex_request_id": "NULL",
                "name": f"{pick(PRODUCTS, 'c.id * 2 + k')} || ' «' || {pick(PLACES, 'c.id')}"
                " || '»'",
                "order": "k",
            },
        )
        clone(
            conn,
            "certification_certificateevent",
            "(SELECT * FROM certification_certificateevent e WHERE e.certificate_id = "
            "(SELECT id FROM certification_certificate WHERE number = 'ХП.00001') "
            "ORDER BY e.id LIMIT 1) t, "
            f"{new} n JOIN certification_certificate c ON c.id = n.id",
            {"certificate_id": "c.id", "status": "c.status", "at": "c.status_changed_at"},
        )
        conn.commit()
    with connect(db_url) as conn:  # after the commit: the deferred FK checks have run
        conn.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            conn.execute(definition)
        conn.execute("VACUUM ANALYZE")
    return time.monotonic() - started
