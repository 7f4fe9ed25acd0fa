"""Gunicorn's settings in production, behind nginx (docs/deployment.md#gunicorn).

    gunicorn -c jiangmen_edu/gunicorn.conf.py

Gunicorn reads this file as Python; `tests/core/test_gunicorn.py` imports it and checks that the
values are the ones the deployment guide states, and starts a server with it.
"""

import multiprocessing
import os

wsgi_app = "jiangmen_edu.wsgi:application"
# Only nginx on the same host talks to gunicorn; it is never exposed by itself.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers, one request per process. The slow requests here are CPU-bound: a PDF report
# (WeasyPrint, a few seconds) and an Excel import (parsed in a sandboxed child process, then
# validated and written): threads of one process would queue on the GIL behind them, and a
# stuck request in a gthread worker is never timed out, whereas a sync worker past `timeout`
# is killed and replaced. Slow clients, the weakness of sync workers, never reach gunicorn:
# nginx buffers requests and responses.
worker_class = "sync"
# The usual 2 × cores + 1; WEB_CONCURRENCY overrides it. A worker is about 60 MB idle (the
# app preloaded and shared), more while it renders a PDF.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# Django and WeasyPrint take seconds to import: load them once in the master and fork, so
# that a worker replaced after `max_requests` (or after a timeout) serves at once. A code
# upgrade therefore needs a restart, not a reload (HUP).
preload_app = True

# The longest legitimate request: an import, whose sandboxed reader alone may take 35 s
# (`jiangmen_edu/imports/workbook.py`, READER_SECONDS + 5), then validates and writes up to
# 30,000 rows. A request past this is a bug: its worker is killed and replaced.
timeout = 90
# On a restart or reload, a running import or PDF may finish before its worker stops.
graceful_timeout = 90
# Recycle each worker after about a thousand requests (WeasyPrint keeps font and layout
# caches); the jitter keeps the workers from restarting all at once.
max_requests = 1000
max_requests_jitter = 100

# Request line and headers only: gunicorn has no body limit. Uploads (20 MB for an import,
# 10 MB for an evidence file) are bounded by nginx's `client_max_body_size 21m` and again by
# the app; these are gunicorn's own defaults, stated so that nobody raises them by accident.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Trust X-Forwarded-Proto (for wsgi.url_scheme) from nginx on this host only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# To stdout and stderr, which systemd keeps in the journal. The client is nginx's
# X-Forwarded-For; then time, request, status, bytes, milliseconds, referrer, browser.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" %(p)s'

# The workers' heartbeat files on tmpfs, so that a busy disk cannot stall them.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No `gunicornc` control socket: systemd sends the signals (docs/deployment.md#gunicorn).
control_socket_disable = True
