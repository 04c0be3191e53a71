from django.urls import path

from . import api, views, views_composition

app_name = "labelling"

urlpatterns = [
    path("labelling/review/", views.review_page, name="review"),
    path("labelling/reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("labelling/reviews/<int:pk>/image/", views.review_image, name="review-image"),
    path(
        "labelling/applications/<int:pk>/composition/",
        views_composition.composition,
        name="composition",
    ),
    path(
        "labelling/composition/<int:pk>/document/",
        views_composition.composition_document,
        name="composition-document",
    ),
    path("api/v1/labelling/reviews/", api.LabelReviewApi.as_view(), name="api-review"),
    path(
        "api/v1/labelling/reviews/batch/",
        api.LabelReviewBatchApi.as_view(),
        name="api-review-batch",
    ),
]
