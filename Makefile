# The two promises of the README: `make run` serves the demo, `make test` passes the suite.
# Both set everything up on a fresh machine and are fast the second time.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
MESSAGES := locale/fr/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo
PYTEST_ARGS ?=
# One test process per core (pytest-xdist). Tests are handed out one by one in collection order,
# which pytest-django sorts with the transactional tests last (they empty the database after
# themselves, taking the root page and groups the migrations made), so each worker keeps that
# order. Grouping by file (--dist loadfile) broke it for files holding both kinds, and
# --dist loadgroup does not group with pytest 9 (xdist 3.8 writes `item._nodeid`, which pytest 9
# no longer reads). The slowest tests are listed at the end, to see where the time goes.
TEST_WORKERS ?= auto

.PHONY: run test install demo lint format messages check bench load clean

$(INSTALLED): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(INSTALLED) $(MESSAGES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(INSTALLED)
	@scripts/system-deps
	$(MANAGE) compilemessages --ignore=.venv >/dev/null

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --all

# The task worker (which sends the e-mails) runs beside the server and stops with it: Ctrl-C, or
# the server exiting.
run: demo
	@echo ""
	@echo "  French site:  http://127.0.0.1:$(PORT)/fr/"
	@echo "  English site: http://127.0.0.1:$(PORT)/en/"
	@echo "  Admin:        http://127.0.0.1:$(PORT)/admin/  (login admin / password admin)"
	@echo "    moderator:   moderatrice / moderatrice   (approves proposed events)"
	@echo "    association: parasites / parasites       (Collectif Parasites volunteer)"
	@echo "  Propose an event: http://127.0.0.1:$(PORT)/fr/agenda/proposer/"
	@echo "  Other territories (French only):"
	@echo "    http://porte-du-hainaut.localhost:$(PORT)/fr/"
	@echo "    http://sud-avesnois.localhost:$(PORT)/fr/"
	@echo "    http://haut-pays-montreuillois.localhost:$(PORT)/fr/"
	@echo "  E-mails are sent by the task worker started alongside, and printed here; a second"
	@echo "  worker reads the associations' calendars saved in the admin."
	@echo ""
	@$(MANAGE) db_worker --backend mail --no-reload --interval 2 & worker=$$!; \
	$(MANAGE) db_worker --backend ingest --no-reload --interval 2 & calendars=$$!; \
	trap 'kill $$worker $$calendars 2>/dev/null; wait $$worker $$calendars 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	@scripts/system-deps --browser
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/pytest -n $(TEST_WORKERS) --dist load --durations=15 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files 'templates/*.html' '*/templates/*.html')

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files 'templates/*.html' '*/templates/*.html')

messages: install
	$(MANAGE) makemessages --locale=fr --locale=en --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles --ignore=media --add-location=file
	$(MANAGE) compilemessages --ignore=.venv

check: install
	DJANGO_SETTINGS_MODULE=hub.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=hub.settings.test $(MANAGE) makemigrations --check --dry-run

bench: install
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python -m bench $(BENCH_ARGS)

# The demo under load through gunicorn (3 workers) on PostgreSQL, measured by Debian's wrk, page
# cache off then on (bench/load.py; LOAD_ARGS="--help" lists the options).
load: install
	@scripts/system-deps --load
	$(BIN)/python -m bench.load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 $(MESSAGES)
