"""The public registry's API at /api/v1/registry/ (included from halal_portal/urls.py): its own
router, so that nothing of the portal's API leaks into it. Route names are not namespaced
(``registry-certificate-detail``), as DRF's routers name them."""

from rest_framework.routers import SimpleRouter

from .api import RegistryCertificateViewSet

router = SimpleRouter()
router.register("certificates", RegistryCertificateViewSet, basename="registry-certificate")

urlpatterns = router.urls
