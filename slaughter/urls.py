"""The slaughter journal of an enterprise (GOST 7.6), included at /slaughter/."""

from django.urls import path

from . import views

app_name = "slaughter"

urlpatterns = [
    path("organizations/<int:org_pk>/", views.journal, name="journal"),
    path("organizations/<int:org_pk>/new/", views.entry_create, name="entry-create"),
    path("organizations/<int:org_pk>/<int:slaughter_pk>/", views.entry, name="entry"),
]
