# Shortlist image, for the API and the queue workers: `docker build -t shortlist .`
#   docker run -p 8000:8000 shortlist                          the API (the default command)
#   docker run -e DATABASE_URL=postgresql://... shortlist shortlist worker    a queue worker
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/shortlist.db

RUN useradd --create-home --uid 10001 shortlist \
    && mkdir /data && chown shortlist:shortlist /data
WORKDIR /app

# WeasyPrint renders the PDF reports with Pango; DejaVu is the reports' font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependency layer: rebuilt only when the pinned dependencies change.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['service']))" > requirements.txt \
    && pip install -r requirements.txt -c constraints.txt

COPY README.md alembic.ini ./
COPY service ./service
COPY criteria ./criteria
COPY vendors ./vendors
COPY migrations ./migrations
RUN pip install --no-deps .

USER shortlist
VOLUME ["/data"]
EXPOSE 8000
# The API's liveness; a worker container has no HTTP port: disable it there (see README).
HEALTHCHECK --interval=30s --timeout=5s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/livez', timeout=4)"]
STOPSIGNAL SIGTERM
CMD ["shortlist", "serve", "--migrate", "--load-catalog", "--host", "0.0.0.0", "--port", "8000"]
