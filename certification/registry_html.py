"""The content of a certificate's public page (the QR target), written out from its card.

The page is the registry's hot path, and nearly every request is the first view of its
certificate (QR codes are scanned one by one), so nothing can be cached per certificate: the
content is rendered on each request. Django's template engine spends about 0.7 ms on it; this
module writes the same markup in a tenth of that. Every string is translated with gettext (the
msgids are the page's), every value is escaped. templates/registry/certificate.html puts the
content inside base.html for the requests that need the whole page rendered (a logged-in user,
a checked PDF); views/registry.py puts it in the per-language frame for the others.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from html import escape

from django.template.defaultfilters import filesizeformat
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, gettext_noop

from .registry import CertificateCard, PublicPdf, PublicProduct, registry_path

_translations: dict[str | None, dict[str, str]] = {}


def _translator() -> Callable[[str], str]:
    """gettext for the active language, its answers kept for the process (catalogs change only
    with a deployment); looked up once per page rather than once per string."""
    strings = _translations.setdefault(get_language(), {})

    def translate(msgid: str) -> str:
        if msgid not in strings:
            strings[msgid] = gettext(msgid)
        return strings[msgid]

    return translate


@functools.lru_cache(maxsize=8)
def _search_path(script_prefix: str) -> str:
    return reverse("registry:search")


# Each function below takes the page's translator as ``_`` (see _translator), so that
# makemessages can find the msgids of its _() calls (see MSGIDS).


def _t(text: str) -> str:
    """What {% translate %} writes: the translation, escaped."""
    return escape(text)


def _bt(text: str, **values) -> str:
    """What {% blocktranslate %} writes: the translation with its values escaped."""
    return text % {k: escape(str(v)) for k, v in values.items()}


def _day(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y")


def _products_table(_, products: list[PublicProduct]) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(p.name)}</td><td>{escape(p.normative_document)}</td>"
        f"<td>{escape(p.batch_text)}</td></tr>"
        for i, p in enumerate(products, 1)
    )
    return (
        '<div class="table-wrap"><table>\n  <thead><tr>'
        f'<th scope="col">{_t(_("No."))}</th>'
        f'<th scope="col">{_t(_("Product"))}</th>'
        f'<th scope="col">{_t(_("Normative document"))}</th>'
        f'<th scope="col">{_t(_("Batch"))}</th>'
        f"</tr></thead>\n  <tbody>{rows}</tbody>\n</table></div>"
    )


def _pdf_link(_, pdf: PublicPdf | None, path: str, filename: str) -> str:
    if pdf is not None and pdf.ready:
        size = (
            f' <span class="muted">({escape(filesizeformat(pdf.size))})</span>' if pdf.size else ""
        )
        return (
            f'<p class="pdf-link"><a href="{escape(path)}" download="{escape(filename)}">'
            f"{_bt(_('Download %(name)s'), name=filename)}</a>{size}</p>\n"
            f'<p class="pdf-digest">{_t(_("SHA-256"))}: <code class="digest">{escape(pdf.sha256)}'
            "</code></p>\n"
        )
    if pdf is not None:
        message = _t(_("The PDF is being prepared: reload the page in a minute."))
    else:
        message = _t(_("The PDF is not available yet."))
    return f'<p class="muted pdf-pending">{message}</p>'


def _pdf_section(
    _, card, *, verdict, verify_error: str, verify_max_mb: int, csrf_token: str
) -> str:
    certificate = card.certificate
    parts = [
        '<section class="card" id="pdf" aria-labelledby="pdf-heading">\n'
        f'  <h2 id="pdf-heading">{_t(_("Certificate PDF"))}</h2>\n  ',
        _pdf_link(_, certificate.pdf, certificate.pdf_path, certificate.pdf_filename),
        f'\n\n  <h3 id="verify-heading">{_t(_("Check a PDF"))}</h3>\n  <p class="muted">',
        _t(
            _(
                "Were you sent this certificate or one of its annexes as a PDF? Choose the "
                "file: the registry tells whether it is the registered PDF. Files are compared "
                "by their SHA-256 and are not kept."
            )
        ),
        "</p>\n  ",
    ]
    if verdict:
        kind = "verdict-match" if verdict.match else "message-error"
        parts.append(
            f'<p class="message {kind}" role="status">{escape(verdict.message)}<br>'
            f'<span class="muted">{_t(_("SHA-256 of the checked file"))}: '
            f'<code class="digest">{escape(verdict.file.sha256)}</code></span></p>'
        )
    if verify_error:
        parts.append(
            f'\n  <p class="message message-error" role="alert">{escape(verify_error)}</p>'
        )
    action = registry_path("registry:certificate-verify", certificate.number)
    parts.append(
        f'\n  <form method="post" action="{escape(action)}" enctype="multipart/form-data" '
        'class="verify-form" aria-labelledby="verify-heading">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">\n'
        f'    <label for="verify-file">{_bt(_("PDF file, up to %(size)s MB"), size=verify_max_mb)}'
        "</label>\n"
        '    <input id="verify-file" type="file" name="file" accept="application/pdf,.pdf" '
        "required>\n"
        f'    <button type="submit" class="button">{_t(_("Check"))}</button>\n'
        "  </form>\n</section>\n"
    )
    return "".join(parts)


def certificate_content(
    card: CertificateCard,
    *,
    public_url: str,
    public_iri: str,
    csrf_token: str,
    verify_max_mb: int,
    verdict=None,
    verify_error: str = "",
) -> str:
    """The page's content (inside <main>): status, the certificate's fields, its products and
    annexes, its PDF with the «check a PDF» form, its history."""
    _ = _translator()
    c = card.certificate
    number = c.number
    status = escape(card.status)
    label = escape(str(card.status_label))
    out = [
        f'<p><a href="{escape(_search_path(get_script_prefix()))}">← '
        f"{_t(_('Registry of certificates'))}</a></p>\n"
        '<div class="page-head">\n'
        f"  <h1>{_bt(_('Certificate %(number)s'), number=number)} "
        f'<span class="badge cert-{status}">{label}</span></h1>\n</div>\n\n'
        f'<section class="card cert-status-card cert-status-{status}" '
        'aria-labelledby="status-heading">\n'
        f'  <h2 id="status-heading">{_t(_("Status"))}: '
        f"{escape(str(card.status_label).lower())}</h2>"
        f"\n  <p>\n    {_bt(_('Since %(date)s'), date=_day(card.status_since))}"
    ]
    if card.status_protocol:
        out.append(
            "; "
            + _bt(
                _("decided by the commission, %(protocol)s"),
                protocol=card.status_protocol.reference,
            )
        )
    out.append(".\n  </p>\n  ")
    if card.status == "valid":
        out.append(
            "<p>"
            + _bt(
                _(
                    "Products listed below may carry the «Halal» sign with the number %(number)s "
                    "until %(end)s (GOST 8.2, 8.6)."
                ),
                number=number,
                end=_day(c.valid_to),
            )
            + "</p>\n"
        )
    else:
        out.append(
            f"<p><strong>{_t(_('The «Halal» sign may not be used under this certificate.'))}"
            "</strong></p>"
        )
    out.append(
        "\n</section>\n\n"
        '<div class="two-columns">\n  <div>\n'
        '    <section class="card" aria-labelledby="certificate-heading">\n'
        f'      <h2 id="certificate-heading">{_t(_("Certificate"))}</h2>\n'
        '      <dl class="summary">\n'
        f"        <dt>{_t(_('Number'))}</dt><dd>{escape(number)}</dd>\n"
        f"        <dt>{_t(_('Valid'))}</dt><dd>"
        f"{_bt(_('from %(start)s to %(end)s'), start=_day(c.valid_from), end=_day(c.valid_to))}"
        "</dd>\n"
        f"        <dt>{_t(_('Manufacturer'))}</dt><dd>{escape(c.manufacturer_name)}<br>"
        f"{escape(c.manufacturer_address)}, {escape(c.manufacturer_country)}</dd>\n"
    )
    if c.product_type:
        out.append(f"        <dt>{_t(_('Product type'))}</dt><dd>{escape(c.product_type)}</dd>\n")
    if c.category:
        out.append(
            f"        <dt>{_t(_('Product category'))}</dt><dd>{escape(str(c.category))}</dd>\n"
        )
    basis = c.basis.reference if c.basis else ""
    # GOST 8.17: the production-check act the decision rests on.
    act = f"; {escape(c.act_reference)}" if c.act else ""
    out.append(
        f"        <dt>{_t(_('Basis'))}</dt><dd>"
        f"{_bt(_('decision of the commission, %(protocol)s'), protocol=basis)}{act}</dd>\n"
        f"        <dt>{_t(_('Head of the authorized organization'))}</dt>"
        f"<dd>{escape(c.head_name or '—')}</dd>\n"
        f'        <dt>{_t(_("Address of this page"))}</dt><dd><a href="{escape(public_url)}">'
        f"{escape(public_iri)}</a></dd>\n"
        "      </dl>\n    </section>\n\n"
        '    <section class="card" aria-labelledby="products-heading">\n'
        f'      <h2 id="products-heading">{_t(_("Products"))}</h2>\n      '
    )
    if card.products:
        out.append(_products_table(_, card.products))
    elif c.product_type:
        text = _bt(
            _(
                "The certificate covers the product type «%(type)s»; its products are listed in "
                "annex No. 1, an inseparable part of the certificate."
            ),
            type=c.product_type,
        )
        out.append(f"<p>{text}</p>")
    else:
        out.append('<p class="empty">—</p>')
    out.append("\n    </section>\n\n")
    for a in card.annexes:
        protocol = a.protocol.reference if a.protocol else ""
        out.append(
            f'    <section class="card annex" id="annex-{a.number}" '
            f'aria-labelledby="annex-{a.number}-heading">\n'
            f'      <h2 id="annex-{a.number}-heading">'
            f"{_bt(_('Annex No. %(number)s to certificate %(certificate)s'), number=a.number, certificate=number)}"  # noqa: E501
            "</h2>\n"
            '      <p class="muted">'
            f"{_bt(_('Issued on %(date)s; basis: %(protocol)s.'), protocol=protocol, date=_day(a.issued_at))}"  # noqa: E501
            "</p>\n      "
            + _products_table(_, a.products)
            + "\n      "
            + _pdf_link(_, a.pdf, a.pdf_path, a.pdf_filename)
            + "\n    </section>\n"
        )
    out.append("\n    ")
    out.append(
        _pdf_section(
            _,
            card,
            verdict=verdict,
            verify_error=verify_error,
            verify_max_mb=verify_max_mb,
            csrf_token=csrf_token,
        )
    )
    out.append(
        "  </div>\n  <aside>\n"
        '    <section class="card" aria-labelledby="history-heading">\n'
        f'      <h2 id="history-heading">{_t(_("History"))}</h2>\n'
        '      <ol class="timeline">\n'
    )
    for e in card.events:
        at = timezone.localtime(e.at)
        out.append(
            f'        <li id="event-{e.pk}">\n'
            f'          <time datetime="{at.isoformat()}">{_day(at)}</time>\n'
            f"          <strong>{escape(capfirst(str(e.kind_label)))}</strong>"
        )
        if e.annex:
            out.append(
                f' — <a href="#annex-{e.annex}">'
                f"{_bt(_('annex No. %(number)s'), number=e.annex)}</a>"
            )
        if e.protocol:
            out.append(f'\n          <span class="muted">{escape(e.protocol.reference)}</span>')
        out.append("\n        </li>\n")
    if card.status != c.status:
        since = timezone.localtime(card.status_since)
        out.append(
            "        <li>\n"
            f'          <time datetime="{since.isoformat()}">{_day(since)}</time>\n'
            f"          <strong>{_t(_('Expired: the validity period has ended'))}</strong>\n"
            "        </li>\n"
        )
    out.append("      </ol>\n    </section>\n  </aside>\n</div>\n")
    return "".join(out)


# makemessages (xgettext) does not look inside f-strings, where most of the _() calls above are:
# the page's msgids, for the catalog (tests/registry/test_records.py checks the two agree).
MSGIDS = (
    gettext_noop("No."),
    gettext_noop("Product"),
    gettext_noop("Normative document"),
    gettext_noop("Batch"),
    gettext_noop("Download %(name)s"),
    gettext_noop("SHA-256"),
    gettext_noop("The PDF is being prepared: reload the page in a minute."),
    gettext_noop("The PDF is not available yet."),
    gettext_noop("Certificate PDF"),
    gettext_noop("Check a PDF"),
    gettext_noop(
        "Were you sent this certificate or one of its annexes as a PDF? Choose the file: the registry tells whether it is the registered PDF. Files are compared by their SHA-256 and are not kept."  # noqa: E501
    ),
    gettext_noop("SHA-256 of the checked file"),
    gettext_noop("PDF file, up to %(size)s MB"),
    gettext_noop("Check"),
    gettext_noop("Registry of certificates"),
    gettext_noop("Certificate %(number)s"),
    gettext_noop("Status"),
    gettext_noop("Since %(date)s"),
    gettext_noop("decided by the commission, %(protocol)s"),
    gettext_noop(
        "Products listed below may carry the «Halal» sign with the number %(number)s until %(end)s (GOST 8.2, 8.6)."  # noqa: E501
    ),
    gettext_noop("The «Halal» sign may not be used under this certificate."),
    gettext_noop("Certificate"),
    gettext_noop("Number"),
    gettext_noop("Valid"),
    gettext_noop("from %(start)s to %(end)s"),
    gettext_noop("Manufacturer"),
    gettext_noop("Product type"),
    gettext_noop("Product category"),
    gettext_noop("Basis"),
    gettext_noop("decision of the commission, %(protocol)s"),
    gettext_noop("Head of the authorized organization"),
    gettext_noop("Address of this page"),
    gettext_noop("Products"),
    gettext_noop(
        "The certificate covers the product type «%(type)s»; its products are listed in annex No. 1, an inseparable part of the certificate."  # noqa: E501
    ),
    gettext_noop("Annex No. %(number)s to certificate %(certificate)s"),
    gettext_noop("Issued on %(date)s; basis: %(protocol)s."),
    gettext_noop("History"),
    gettext_noop("annex No. %(number)s"),
    gettext_noop("Expired: the validity period has ended"),
)
