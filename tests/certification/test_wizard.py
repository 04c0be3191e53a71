"""The application's steps as the applicant uses them: what each step shows as done, typed input
never lost, bad values refused with a message (never a raw database text)."""

from django.urls import reverse


def step_url(application, step: str) -> str:
    return reverse("certification:application-step", kwargs={"pk": application.pk, "step": step})


def step_labels(content: str) -> list[str]:
    """The wizard's steps as printed: «4. Declaration ✓» for a done one."""
    import re

    nav = content.split('class="steps"', 1)[1].split("</ol>", 1)[0]
    return [re.sub(r"<[^>]+>", "", a).strip() for a in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


def test_new_empty_application_shows_no_declaration_as_done(client, applicant, draft):
    client.force_login(applicant)
    labels = step_labels(client.get(step_url(draft, "organization")).content.decode())
    declaration = next(label for label in labels if label.startswith("4."))
    assert "✓" not in declaration
