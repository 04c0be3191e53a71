"""GOST 8.18: an annex for new products. Products of a category and a normative document the
certificate's check covered are made the same way and need no check of their own; another
category or normative document waits for its own check, under the same gate as a certificate."""

import pytest
from django.utils import timezone

from certification import rules, services
from certification.evidence import EvidenceMissing
from tests.certification.workflow import check_production, decide, issue
from tests.factories import category, normative_document


@pytest.fixture
def certificate(under_review, secretary, commission, head):
    issue(under_review, secretary=secretary, members=commission, head=head)
    return services.certificate_sign(certificate=under_review.certificate, by=head)


def request_for(certificate, applicant, *, code, designation):
    return services.annex_request_create(
        certificate=certificate,
        by=applicant,
        products=[
            {
                "name": "Новый продукт",
                "category": category(code),
                "normative_document": normative_document(designation),
            }
        ],
    )


def add_annex_item(certificate, request, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate(), chair=commission[0])
    return services.agenda_item_add(
        meeting=meeting,
        by=secretary,
        application=certificate.application,
        question="issue_annex",
        annex_request=request,
    )


def test_products_like_the_certified_ones_need_no_check(certificate, applicant):
    request = request_for(
        certificate, applicant, code="confectionery", designation="ГОСТ 6478-2017"
    )
    assert not rules.annex_needs_check(request)


def test_a_new_category_needs_its_own_check(certificate, applicant, secretary, commission):
    request = request_for(certificate, applicant, code="honey", designation="ГОСТ 31766-2012")
    assert rules.annex_needs_check(request)
    with pytest.raises(EvidenceMissing) as error:
        add_annex_item(certificate, request, secretary, commission)
    assert error.value.findings[0].clause == "8.13"


def test_after_its_own_check_the_annex_is_issued_on_that_act(
    certificate, applicant, secretary, commission, head
):
    request = request_for(certificate, applicant, code="honey", designation="ГОСТ 31766-2012")
    act = check_production(
        certificate.application, secretary=secretary, head=head, annex_request=request
    )
    certificate.application.refresh_from_db()
    assert certificate.application.state == "certified"  # the annex's check moves nothing
    decide(
        certificate.application,
        "issue_annex",
        secretary=secretary,
        members=commission,
        annex_request=request,
    )
    annex = certificate.annexes.get()
    assert (annex.act_number, annex.act_date) == (str(act.number), act.date)
