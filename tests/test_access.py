"""Object-level access: applicant B reaches none of applicant A's application, products or files.

The test walks the whole URL conf, so a route added later with an object in its path is checked
too; a route whose path names an object this test does not know fails the walk."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

# Path parameters and which object of applicant A's they take.
OBJECT_KWARGS = {
    "pk",
    "file_pk",
    "product_pk",
    "item_pk",
    "invoice_pk",
    "nonconformity_pk",
    "action_pk",
    "evidence_pk",
    "document_pk",  # a rendered PDF (halal_portal.RenderedDocument)
    # the production check (audits)
    "check_pk",
    "member_pk",
    "act_pk",
    "sample_pk",
    "report_pk",
    "org_pk",
    "entry_pk",
    # the production-check act (Annex Ж)
    "result_pk",
    "evidence_file_pk",
    # the slaughter journal (GOST 7.6)
    "slaughter_pk",
}
# Other path parameters, with a valid value.
PLAIN_KWARGS = {"step": "organization", "section": 1}
# Routes whose ``pk`` is not an application: the prefix of the route's name says what it is.
PK_OBJECT = {
    "document-": "file",
    "meeting-": "meeting",
    "certificate-": "certificate",
}
# Routes with parameters that are not objects of an applicant.
NOT_OBJECT_ROUTES = {
    # The public registry is public by design: a certificate number shows only public fields
    # (tests/registry checks the whitelist).
    "registry:certificate",
    "registry:certificate-pdf",
    "registry:annex-pdf",
    "registry:certificate-verify",
    "registry-certificate-detail",
    "registry-certificate-verify",
    # Public by design: the report form for a certificate's number, and a report's status by its
    # tracking code (stage and outcome only; tests/feedback checks no personal data shows).
    "feedback:report-create-for",
    "feedback:report-status",
    "api-report-status",
    # A report's photo: reached only through its report, tested in tests/feedback.
    "feedback:report-photo",
    "accounts:confirm",
    "accounts:password_reset_confirm",
    "api-schema",
    "set_language",
}


def walk(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.app_name == "admin":
                continue
            yield from walk(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def object_routes():
    routes = []
    for name, pattern in walk():
        params = set(pattern.pattern.regex.groupindex)
        if not params or name in NOT_OBJECT_ROUTES:
            continue
        if "format" in params:
            continue  # DRF's format-suffix twin of a route already walked
        unknown = params - OBJECT_KWARGS - set(PLAIN_KWARGS)
        assert not unknown, f"{name} takes {unknown}: teach test_access which object it is"
        routes.append((name, params))
    return routes


def kwargs_for(name, params, objects):
    values = {
        "file_pk": objects["file"].pk,
        "product_pk": objects["product"].pk,
        "item_pk": objects["item"].pk,
        "invoice_pk": objects["invoice"].pk,
        "nonconformity_pk": objects["nonconformity"].pk,
        "action_pk": objects["action"].pk,
        "evidence_pk": objects["evidence"].pk,
        "document_pk": objects["document"].pk,
        "check_pk": objects["check"].pk,
        "member_pk": objects["team_member"].pk,
        "act_pk": objects["act"].pk,
        "sample_pk": objects["sample"].pk,
        "report_pk": objects["report"].pk,
        "org_pk": objects["organization"].pk,
        "entry_pk": objects["entry"].pk,
        "result_pk": objects["item_result"].pk,
        "evidence_file_pk": objects["act_evidence"].pk,
        "slaughter_pk": objects["slaughter_entry"].pk,
        **PLAIN_KWARGS,
    }
    bare = name.split(":")[-1]
    kind = next((kind for prefix, kind in PK_OBJECT.items() if bare.startswith(prefix)), None)
    values["pk"] = objects[kind or "application"].pk
    return {k: values[k] for k in params}


@pytest.fixture
def victim(under_review, applicant, secretary, commission):
    """Applicant A's application with a certificate, so that every kind of object exists."""
    from tests.certification.workflow import issue

    issue(under_review, secretary=secretary, members=commission)
    add_corrective_action(under_review, by=applicant)
    ready_certificate_pdf(under_review.certificate)
    add_production_check(under_review, by=applicant)
    under_review.invoices.create(number="T-00001", stage="annex", amount=100, currency="RUB")
    return under_review


def add_corrective_action(application, *, by):
    """A nonconformity answered by a corrective action with one evidence file (GOST 8.16)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from audits.models import CorrectiveAction, EvidenceFile, Nonconformity
    from tests.files import pdf_bytes

    nonconformity = Nonconformity.objects.create(application=application, description="Нет журнала")
    action = CorrectiveAction.objects.create(
        nonconformity=nonconformity,
        cause="Не назначен ответственный",
        action="Журнал заведён",
        done_on=timezone.localdate(),
        filed_by=by,
    )
    evidence = EvidenceFile(
        action=action, original_name="журнал.pdf", content_type="application/pdf", size=1, sha256=""
    )
    evidence.file.save("журнал.pdf", ContentFile(pdf_bytes()))
    return action


def ready_certificate_pdf(certificate):
    """The certificate's PDF, ready to download (its render is not what this test is about)."""
    from django.core.files.base import ContentFile

    from halal_portal.models import RenderedDocument

    document = RenderedDocument.objects.get(kind="certificate", object_id=certificate.pk)
    document.file.save("certificate.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
    document.status = "ready"
    document.save()
    return document


def certificate_document(application):
    from halal_portal.models import RenderedDocument

    return RenderedDocument.objects.get(kind="certificate", object_id=application.certificate.pk)


def add_production_check(application, *, by):
    """A started check with its team, a signed sampling act with a tested sample and its
    laboratory report, and a sanitation journal entry of the enterprise (audits)."""
    from tests.audits.helpers import production_check_with_everything

    return production_check_with_everything(application, applicant=by)


def objects_of(application):
    item = application.agenda_items.select_related("meeting").last()
    return {
        "application": application,
        "file": application.files.first(),
        "product": application.products.first(),
        "item": item,
        "meeting": item.meeting,
        "certificate": application.certificate,
        "invoice": application.invoices.first(),
        "nonconformity": application.nonconformities.first(),
        "action": application.nonconformities.first().actions.first(),
        "evidence": application.nonconformities.first().actions.first().files.first(),
        "document": certificate_document(application),
        **audit_objects_of(application),
    }


def audit_objects_of(application):
    check = application.production_checks.first()
    act = check.sampling_acts.first()
    sample = act.samples.first()
    return {
        "check": check,
        "team_member": check.team.first(),
        "act": act,
        "sample": sample,
        "report": sample.lab_reports.first(),
        "organization": application.organization,
        "entry": application.organization.sanitation_entries.first(),
        "slaughter_entry": application.organization.slaughter_entries.first(),
        "item_result": check.act.results.first(),
        "act_evidence": check.act.results.filter(files__isnull=False).first().files.first(),
    }


def test_walk_finds_the_application_routes():
    names = {name for name, _params in object_routes()}
    assert {"certification:application-detail", "certification:document-download"} <= names
    assert "application-detail" in names  # the API


def test_outsider_gets_404_everywhere(client, outsider, victim):
    objects = objects_of(victim)
    client.force_login(outsider)
    token = Token.objects.create(user=outsider)
    failures = []
    for name, params in object_routes():
        url = reverse(name, kwargs=kwargs_for(name, params, objects))
        for method in ("get", "post", "put", "patch", "delete"):
            extra = {"HTTP_AUTHORIZATION": f"Token {token.key}"} if "/api/" in url else {}
            response = getattr(client, method)(url, **extra)
            if response.status_code == 405:
                continue
            if response.status_code != 404:
                failures.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not failures


def test_owner_reaches_the_same_routes(client, applicant, victim):
    dossier_file = victim.files.first()
    client.force_login(applicant)
    for url in (
        reverse("certification:application-detail", kwargs={"pk": victim.pk}),
        reverse(
            "certification:document-download", kwargs={"pk": victim.pk, "file_pk": dossier_file.pk}
        ),
        reverse("application-detail", kwargs={"pk": victim.pk}),
        reverse("pdf-download", kwargs={"document_pk": certificate_document(victim).pk}),
        reverse("document-download", kwargs={"pk": dossier_file.pk}),
    ):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_login(client, victim):
    response = client.get(reverse("certification:application-detail", kwargs={"pk": victim.pk}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_draft_is_hidden_from_the_secretary(client, secretary, complete_draft):
    client.force_login(secretary)
    url = reverse("certification:application-detail", kwargs={"pk": complete_draft.pk})
    assert client.get(url).status_code == 404


def test_secretary_sees_a_submitted_application(client, secretary, applicant, complete_draft):
    from certification import services

    services.application_submit(application=complete_draft, by=applicant)
    client.force_login(secretary)
    url = reverse("certification:application-detail", kwargs={"pk": complete_draft.pk})
    assert client.get(url).status_code == 200


def test_unassigned_commission_member_sees_nothing(client, commission_member, under_review):
    client.force_login(commission_member)
    url = reverse("certification:application-detail", kwargs={"pk": under_review.pk})
    assert client.get(url).status_code == 404


def test_member_outside_the_meeting_does_not_see_it(client, commission_member, victim):
    client.force_login(commission_member)
    meeting = objects_of(victim)["meeting"]
    assert client.get(meeting.get_absolute_url()).status_code == 404
