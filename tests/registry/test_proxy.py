"""The reverse proxy of docker-compose.yml (deploy/nginx.conf), read as files (no Docker here):
it is the only way in, terminates TLS with the mounted certificate, serves the static files,
passes the client's address and scheme, and keeps only what Django marks public."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def services() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]


def location(pattern: str) -> str:
    """The body of the nginx location block whose line matches ``pattern``."""
    start = re.search(rf"location {pattern} \{{", NGINX).end()
    return NGINX[start : NGINX.index("\n    }", start)]


def test_the_proxy_is_the_only_way_in(services):
    assert "ports" not in services["web"]
    proxy = services["proxy"]
    assert [p.split(":")[-1] for p in proxy["ports"]] == ["80", "443"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]


def test_tls_ends_at_the_proxy_with_the_mounted_certificate(services):
    assert any(
        v.startswith("${TLS_CERT_DIR:?") and v.endswith("}:/etc/nginx/tls:ro")
        for v in services["proxy"]["volumes"]
    )
    assert "ssl_certificate /etc/nginx/tls/fullchain.pem;" in NGINX
    assert "ssl_certificate_key /etc/nginx/tls/privkey.pem;" in NGINX
    assert "return 301 https://$host$request_uri;" in NGINX
    # Django leaves the redirect to the proxy and trusts the scheme it passes on.
    assert services["web"]["environment"]["DJANGO_SECURE_SSL_REDIRECT"] == "false"
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX


def test_the_client_address_is_appended_for_the_rate_limits():
    # API_NUM_PROXIES=1 (production): the last X-Forwarded-For entry is the client.
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in NGINX


def test_static_files_come_from_the_images_collectstatic(services):
    assert "cp -a /app/staticfiles/. /srv/static/" in " ".join(services["static"]["command"])
    assert "static:/srv/static:ro" in services["proxy"]["volumes"]
    assert "root /srv;" in location("/static/")


def test_only_the_registry_is_cached_and_only_what_django_marks_public():
    registry = location(r"~ \^/\(\?:registry\|api/v1/registry\)/")
    assert "proxy_cache registry;" in registry
    assert "proxy_cache_valid" not in NGINX  # no lifetime of its own: Cache-Control decides
    cookies = re.findall(r"\$cookie_(\w+)", registry)
    assert settings.SESSION_COOKIE_NAME in cookies and "messages" in cookies
    assert "proxy_cache " not in location("/")


def test_uploads_up_to_the_limits_pass():
    size = int(re.search(r"client_max_body_size (\d+)m;", NGINX).group(1))
    assert size > max(settings.UPLOAD_MAX_BYTES // 2**20, settings.REGISTRY_VERIFY_MAX_MB)
