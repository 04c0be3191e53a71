"""What the portal's services write (signed acts, journals, rendered documents) the admin shows
but never adds or changes by hand."""

import pytest
from django.contrib import admin
from django.urls import reverse

from halal_portal.admin import ReadOnlyAdmin

READ_ONLY = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, ReadOnlyAdmin)
)


def test_the_records_written_by_the_portal_are_read_only():
    assert ("audits", "productioncheckact") in READ_ONLY
    assert ("audits", "sanitationentry") in READ_ONLY
    assert ("halal_portal", "rendereddocument") in READ_ONLY


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser(email="root@example.com", password="x")
    )
    return client


@pytest.mark.parametrize(("app_label", "model_name"), READ_ONLY)
def test_not_even_a_superuser_adds_one(superuser_client, app_label, model_name):
    response = superuser_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert response.status_code == 403
    listing = superuser_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert listing.status_code == 200
