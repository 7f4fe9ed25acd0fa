# The two commands of README.md: `make run` and `make test`. Each sets up a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
RUN_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint system-run system-test messages

run: system-run $(VENV)/.installed messages
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_reference
	DEBUG=1 $(PY) manage.py seed_demo --scale small --seed 1
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: system-test $(VENV)/.installed messages lint
	$(PY) manage.py makemigrations --check --dry-run --settings=jiangmen_edu.settings_test
	$(VENV)/bin/pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --settings=jiangmen_edu.settings_test -v0

system-run:
	@bash .ci/system-packages $(RUN_PACKAGES)

system-test:
	@bash .ci/system-packages $(TEST_PACKAGES)

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[test]"
	touch $@
