"""Reports of misuse and the body's figures, included at / from halal_portal/urls.py."""

from django.urls import path

from . import views, views_appeals, views_complaints, views_figures

app_name = "feedback"

urlpatterns = [
    path("report/", views.report_create, name="report-create"),
    # The link target of a certificate's page in the registry: the number comes filled in.
    path("report/<str:number>/", views.report_create, name="report-create-for"),
    path("reports/status/", views.report_status, name="report-status-lookup"),
    path("reports/status/<str:code>/", views.report_status, name="report-status"),
    path("reports/", views.report_queue, name="report-queue"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/acknowledge/", views.report_acknowledge, name="report-acknowledge"),
    path("reports/<int:pk>/link/", views.report_link, name="report-link"),
    path("reports/<int:pk>/refer/", views.report_refer, name="report-refer"),
    path("reports/<int:pk>/close/", views.report_close, name="report-close"),
    path("reports/<int:pk>/answer/", views.report_answer, name="report-answer"),
    path("reports/<int:pk>/photos/<int:photo_pk>/", views.report_photo, name="report-photo"),
    path("about/figures/", views_figures.figures, name="figures"),
    path("complaints/", views_complaints.complaint_list, name="complaint-list"),
    path("complaints/new/", views_complaints.complaint_create, name="complaint-create"),
    path("complaints/<int:pk>/", views_complaints.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/answer/", views_complaints.complaint_answer, name="complaint-answer"),
    path("complaints/<int:pk>/close/", views_complaints.complaint_close, name="complaint-close"),
    path("appeals/", views_appeals.appeal_list, name="appeal-list"),
    path("appeals/new/<int:item_pk>/", views_appeals.appeal_create, name="appeal-create"),
    path("appeals/<int:pk>/", views_appeals.appeal_detail, name="appeal-detail"),
    path("appeals/<int:pk>/panel/", views_appeals.appeal_panel, name="appeal-panel"),
    path("appeals/<int:pk>/vote/", views_appeals.appeal_vote, name="appeal-vote"),
    path("appeals/<int:pk>/decide/", views_appeals.appeal_decide, name="appeal-decide"),
    path(
        "appeals/<int:pk>/files/<int:file_pk>/",
        views_appeals.appeal_file_download,
        name="appeal-file",
    ),
]
