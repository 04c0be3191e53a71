from django.urls import path

from . import api

app_name = "labelling"

urlpatterns = [
    path("api/v1/labelling/reviews/", api.LabelReviewApi.as_view(), name="api-review"),
    path(
        "api/v1/labelling/reviews/batch/",
        api.LabelReviewBatchApi.as_view(),
        name="api-review-batch",
    ),
]
