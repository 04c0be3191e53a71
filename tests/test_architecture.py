"""The layers of the README's "Architecture": import-linter's contract in pyproject.toml orders
the apps; INSTALLED_APPS lists them in the same order (seed_demo seeds them so); and what the
apps above register with the apps below is there once the apps are ready."""

import tomllib
from pathlib import Path

from django.apps import apps

from audits.journals import journals
from certification import providers
from halal_portal.management.commands.seed_demo import demo_modules

ROOT = Path(__file__).resolve().parent.parent


def layers() -> list[set[str]]:
    """The contract's layers, lowest first, each a set of app names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["id"] == "layers")
    return [{name.strip() for name in layer.split("|")} for layer in reversed(contract["layers"])]


def test_installed_apps_are_listed_lowest_layer_first():
    rank = {name: i for i, layer in enumerate(layers()) for name in layer}
    installed = [c.name for c in apps.get_app_configs() if c.name in rank]
    assert set(installed) == set(rank)
    assert [rank[name] for name in installed] == sorted(rank[name] for name in installed)


def test_seed_demo_runs_each_apps_demo_lowest_layer_first():
    rank = {name: i for i, layer in enumerate(layers()) for name in layer}
    order = [module.__name__.removesuffix(".demo") for module in demo_modules()]
    assert {"accounts", "certification", "audits", "slaughter"} <= set(order)
    assert [rank[name] for name in order] == sorted(rank[name] for name in order)


def test_the_apps_above_register_their_providers():
    from labelling.rules import validate_product_name as labelling_rule

    assert labelling_rule in providers._PRODUCT_NAME_RULES
    cards = [panel.template for panel in providers._PANELS]
    assert cards.index("audits/_corrective_panel.html") < cards.index(
        "audits/_application_panel.html"
    )
    assert "slaughter:journal" in [journal.url_name for journal in journals()]
