"""The slaughter app's API, included at /api/v1/slaughter/."""

from django.urls import path

from .api import StunningChecksApi

urlpatterns = [
    path("stunning-checks/", StunningChecksApi.as_view(), name="slaughter-stunning-checks"),
]
