from django.conf import settings


def portal(request):
    context = {"SITE_URL": settings.SITE_URL, "EMBEDDED_MODE": not settings.PRODUCTION}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # One small count per page, for the inbox badge.
        context["unread_notifications"] = user.notifications.filter(read_at__isnull=True).count()
    return context
