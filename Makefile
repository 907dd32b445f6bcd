# The two commands: `make run` and `make test`. Everything else is a helper for them.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format pytest test-pg bench serve clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seeds
	DEBUG=1 $(BIN)/python manage.py create_demo_users
	@echo ""
	@echo "  Public site:  http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/   (logins above, password factcheck-demo)"
	@echo "  API:          http://$(HOST):$(PORT)/api/v1/   docs: http://$(HOST):$(PORT)/api/docs/"
	@echo ""
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

pytest: $(BIN)/.installed
	$(BIN)/pytest

test: lint pytest

# The suite against PostgreSQL (CI runs it after `make test`).
test-pg: $(BIN)/.installed
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(BIN)/pytest

# The production stack on this machine: gunicorn (gunicorn.conf.py) and a Celery worker, with
# PostgreSQL and Redis from the environment. DEBUG is off; TLS settings are relaxed for loopback only.
serve: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck
serve: export REDIS_URL ?= redis://127.0.0.1:6379/1
serve: export CONN_MAX_AGE ?= 600
serve: export DEBUG ?= 0
serve: export SECRET_KEY ?= local-serve-only-$(shell hostname)-not-for-the-internet-0123456789
serve: export SECURE_SSL_REDIRECT ?= 0
serve: export SESSION_COOKIE_SECURE ?= 0
serve: export CSRF_COOKIE_SECURE ?= 0
serve: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/celery -A factcheck worker --loglevel=INFO --concurrency=$${CELERY_CONCURRENCY:-2} & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py

# The benchmark (bench/README.md): fills the databases with generate_data if needed, prints one table,
# writes bench/results/*.json. BENCH_CLAIMS=1000000 BENCH_PG=.../factcheck_bench_1m for the large run.
BENCH_CLAIMS ?= 10000
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/factcheck_bench
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py --claims $(BENCH_CLAIMS) --database-url $(BENCH_PG)
	$(BIN)/python bench/run.py --claims $(BENCH_CLAIMS) --database-url sqlite:///$(CURDIR)/bench/bench.sqlite3 --no-wrk

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
