# syntax=docker/dockerfile:1
#
# Halal Portal application image: one image for web (gunicorn), Celery worker and Celery beat.
# Build:  docker build -t halal-portal .
# Run:    see docker-compose.yml (production settings come from env vars, see .env.example).

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint's system libraries (Pango, HarfBuzz subsetting, JPEG, MIME database), DejaVu fonts
# (Cyrillic glyphs for the PDFs), and gettext's msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        libjpeg62-turbo \
        shared-mime-info \
        fonts-dejavu-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged runtime user; the code and collected static files stay root-owned (read-only to it).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so code changes do not invalidate this layer. The project installs as
# dependencies only (pyproject: [tool.setuptools] packages = []); the code runs from /app.
COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt . \
    && rm -rf build ./*.egg-info

COPY . .

# Built with DJANGO_ENV unset: the embedded default needs no env at all. DJANGO_STATIC_MANIFEST
# makes collectstatic write the hashed files and staticfiles.json that production serves.
RUN python manage.py compilemessages \
    && DJANGO_STATIC_MANIFEST=true python manage.py collectstatic --noinput \
    && test -f staticfiles/staticfiles.json

USER app

EXPOSE 8000

# sh -c so GUNICORN_WORKERS / GUNICORN_TIMEOUT can be set at run time; exec so gunicorn is PID 1
# and receives SIGTERM directly. TLS is terminated by the reverse proxy in front.
CMD ["sh", "-c", "exec gunicorn halal_portal.wsgi --bind 0.0.0.0:8000 --worker-class sync --workers ${GUNICORN_WORKERS:-3} --timeout ${GUNICORN_TIMEOUT:-60} --worker-tmp-dir /dev/shm --access-logfile - --error-logfile -"]
