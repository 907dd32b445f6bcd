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

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
