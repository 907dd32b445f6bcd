"""gunicorn settings for `make serve` and production. Every value can be set from the environment.

Sync workers: requests are short database reads, and a sync worker per core-and-a-half is the
simplest model that keeps one slow request from stalling others. Put a reverse proxy (nginx, a
load balancer) in front for TLS, slow clients and keep-alive.
"""

from factcheck.env import env_bool, env_int, env_str

wsgi_app = "factcheck.wsgi:application"
bind = env_str("GUNICORN_BIND", "127.0.0.1:8000")
workers = env_int("GUNICORN_WORKERS", 5)
worker_class = "sync"
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Restart a worker after this many requests (with jitter) to bound slow leaks; 0 keeps workers for good,
# which is what the benchmark uses to show that a worker's memory stays flat.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Load Django once in the master, then fork: faster start and memory shared copy-on-write.
preload_app = env_bool("GUNICORN_PRELOAD", True)
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = env_str("GUNICORN_WORKER_TMP_DIR", "/dev/shm")
# Trust X-Forwarded-* only from the proxy in front.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-" if env_bool("GUNICORN_ACCESS_LOG", False) else None
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")
proc_name = "factcheck"
