"""What the composition of an application's products means for certification: what blocks
submission (GOST 4, 6, 8.8), what blocks the «issue» question (8.17), what the conclusion says
(8.11). Pure reads; certification asks them through its providers (registered in apps.py)."""

from django.utils.translation import gettext as _

from certification.rules import Missing

from .models import CompositionItem, ItemStatus, Resolution


def _items(application):
    return CompositionItem.objects.filter(product__application=application).select_related(
        "product"
    )


def submission_missing(application) -> list[Missing]:
    missing = []
    for item in _items(application):
        where = {"item": item.text, "product": item.product.name}
        if item.status == ItemStatus.HARAM:
            missing.append(
                Missing(
                    _("«%(product)s» contains «%(item)s», which is haram: remove it") % where,
                    item.clause or "4",
                    "products",
                )
            )
            continue
        if item.status == ItemStatus.DOUBTFUL and not (item.supplier and item.document):
            missing.append(
                Missing(
                    _(
                        "Name the supplier of «%(item)s» in «%(product)s» and attach its "
                        "conformity document"
                    )
                    % where,
                    "8.8",
                    "products",
                )
            )
        if item.animal_derived and not (item.species and item.halal_slaughter):
            missing.append(
                Missing(
                    _(
                        "State the animal species of «%(item)s» in «%(product)s» and that it was "
                        "slaughtered per the standard"
                    )
                    % where,
                    "6",
                    "products",
                )
            )
        if item.uses_ethanol and (not item.ethanol_source or item.ethanol_percent is None):
            missing.append(
                Missing(
                    _(
                        "State the source of the ethanol in «%(product)s» and its content in the "
                        "product"
                    )
                    % where,
                    "6",
                    "products",
                )
            )
    return missing


def issue_refusals(application) -> list[str]:
    """GOST 8.17: the certificate is issued only when every doubtful ingredient is accepted."""
    refusals = []
    for item in _items(application).exclude(
        resolution__in=[Resolution.NOT_NEEDED, Resolution.ACCEPTED]
    ):
        where = {"item": item.text, "product": item.product.name}
        if item.resolution == Resolution.REJECTED:
            refusals.append(
                _("«%(item)s» in «%(product)s» was not accepted by the commission (GOST 6).")
                % where
            )
        else:
            refusals.append(
                _(
                    "«%(item)s» in «%(product)s» depends on its source and is not resolved yet "
                    "(GOST 6, 8.11)."
                )
                % where
            )
    return refusals


def conclusion_lines(application) -> list[str]:
    """The commission's resolutions as the conclusion states them (GOST 8.11)."""
    lines = []
    for item in _items(application).exclude(resolution=Resolution.NOT_NEEDED):
        lines.append(
            _("%(product)s: %(item)s — %(resolution)s%(reason)s")
            % {
                "product": item.product.name,
                "item": item.text,
                "resolution": item.get_resolution_display(),
                "reason": f" ({item.resolution_reason})" if item.resolution_reason else "",
            }
        )
    return lines
