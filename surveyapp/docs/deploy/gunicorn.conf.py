# gunicorn settings for surveyapp (surveyapp/docs/server.md). Start with:
#   gunicorn -c /etc/surveyapp/gunicorn.conf.py
# Every value can be overridden on the command line (--bind, --workers ...).
import multiprocessing

wsgi_app = "surveyapp:create_app()"
# Behind the reverse proxy on the same machine; another machine's proxy: bind its private address.
bind = "127.0.0.1:8000"
# 2-4 per core. With more than one worker (or machine), rate limits need shared storage:
# SURVEYAPP_RATELIMIT_STORAGE_URI=redis://... (in-memory counters are per process).
workers = min(2 * multiprocessing.cpu_count(), 8)
# A report or an upload may take a while; respondents' pages take milliseconds.
timeout = 60
graceful_timeout = 30
# Restart workers now and then (memory growth from report rendering is returned to the system).
max_requests = 2000
max_requests_jitter = 200
# The proxy's X-Forwarded-* headers are trusted by the app itself (SURVEYAPP_TRUSTED_PROXIES=1).
forwarded_allow_ips = "127.0.0.1"
# No control socket (gunicorn 25+ opens one in $HOME/.gunicorn by default): the unit's home is
# read-only (ProtectSystem=strict), and reloads go through systemctl reload (SIGHUP) anyway.
# Older gunicorn ignores the name.
control_socket_disable = True

# No gunicorn access log: surveyapp writes one line per request itself (to the error log
# below), without the client address and browser for anything a respondent's browser asks
# for, and with invitation links logged as /s/c/<code>. Gunicorn's own access log would
# write the raw path (/s/c/K7MX-4QTC: an invitation code), the address and the browser.
# If an access log is required anyway, use a format without %(U)s, %(r)s, %(q)s, %(h)s,
# %(a)s and %({...}i)s, e.g. access_log_format = "%(m)s %(s)s %(M)sms".
accesslog = None
errorlog = "-"
loglevel = "info"
