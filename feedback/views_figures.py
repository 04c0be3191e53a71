"""«About the body's work»: the public figures page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .figures import STAGE_LABELS, STAGES, cached_figures


def figures(request: HttpRequest) -> HttpResponse:
    data = cached_figures()
    stages = [(STAGE_LABELS[stage], data["stages"][stage]) for stage in STAGES]
    return render(request, "feedback/figures.html", {"figures": data, "stages": stages})
