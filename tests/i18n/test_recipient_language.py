"""A person's language is kept on their account; what the portal sends them is written in it."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.notifications import notify
from tests.accounts.test_registration import FORM


def switch(client, language):
    return client.post(reverse("set_language"), {"language": language, "next": "/"})


def test_switching_language_while_logged_in_keeps_it(client, applicant):
    client.force_login(applicant)
    response = switch(client, "kk")
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.language == "kk"


def test_switching_to_an_unknown_language_keeps_the_choice_unchanged(client, applicant):
    client.force_login(applicant)
    switch(client, "kk")
    switch(client, "xx")
    applicant.refresh_from_db()
    assert applicant.language == "kk"


@pytest.mark.django_db
def test_anonymous_switch_only_sets_the_cookie(client):
    response = switch(client, "en")
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject"),
    [("kk", "«Халяль» порталындағы"), ("en", "Halal Portal"), ("ru", "портале «Халяль»")],
)
def test_registration_keeps_the_language_and_confirms_in_it(client, mailoutbox, language, subject):
    client.cookies["django_language"] = language
    client.post(reverse("accounts:register"), FORM)
    assert User.objects.get(email=FORM["email"]).language == language
    assert subject in mailoutbox[-1].subject


def test_an_unchosen_language_is_the_sites(applicant, settings):
    assert applicant.language == "" and applicant.language_code == settings.LANGUAGE_CODE


@pytest.fixture
def readers(db):
    from tests.factories import UserFactory

    return {code: UserFactory(language=code) for code in ("ru", "kk", "en")}


def test_each_recipient_reads_the_notification_in_their_language(
    readers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        notify(
            readers.values(),
            key="test:1",
            subject=lambda: translation.gettext("Submitted"),
            body=lambda: translation.gettext("Saved."),
        )
    read = {
        u.language: (u.notifications.get().subject, u.notifications.get().body)
        for u in readers.values()
    }
    assert read == {
        "ru": ("Подана", "Сохранено."),
        "kk": ("Берілді", "Сақталды."),
        "en": ("Submitted", "Saved."),
    }
    mailed = {m.to[0]: m.subject for m in mailoutbox}
    assert mailed == {u.email: read[code][0] for code, u in readers.items()}


def test_a_plain_text_is_sent_as_it_is(readers):
    notify(readers.values(), key="test:2", subject="Тема", body="Текст")
    assert {u.notifications.get().subject for u in readers.values()} == {"Тема"}


def test_a_service_writes_to_each_member_in_their_language(
    complete_draft, applicant, secretary, commission
):
    # The secretary registers the application in Russian; the commission reads in theirs.
    from certification import services

    kazakh, english = commission[0], commission[1]
    User.objects.filter(pk=kazakh.pk).update(language="kk")
    User.objects.filter(pk=english.pk).update(language="en")
    User.objects.filter(pk=applicant.pk).update(language="kk")
    services.application_submit(application=complete_draft, by=applicant)
    with translation.override("ru"):
        services.application_register(application=complete_draft, by=secretary, members=commission)
    number = complete_draft.number
    assert kazakh.notifications.get().subject == f"Сізге {number} өтінім тағайындалды"
    assert english.notifications.get().subject == f"Application {number} is assigned to you"
    assert commission[2].notifications.get().subject == f"Вам назначена заявка {number}"
    assert applicant.notifications.get(key__startswith="registered:").subject == (
        f"{number} өтінім тіркелді"
    )
