# Vigie's tasks. `make demo` and `make test` work on a fresh Debian machine as root.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the tests need: a browser for the workspace tests, a PostgreSQL server the
# fixtures start on loopback, Tesseract for document images, a JRE for Spark, Pango for
# WeasyPrint's PDF products.
DEBIAN_PACKAGES := chromium postgresql tesseract-ocr tesseract-ocr-eng default-jre-headless \
	fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo serve test lint typecheck check-generated pytest bench system-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: install
	$(BIN)/vigie demo

serve: install
	$(BIN)/vigie serve

system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v tesseract >/dev/null || missing="$$missing tesseract"; \
	tesseract --list-langs 2>/dev/null | grep -qx eng || missing="$$missing tesseract-ocr-eng"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf ] || missing="$$missing fonts"; \
	command -v java >/dev/null || missing="$$missing java"; \
	ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$$missing pango"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages (missing:$$missing)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES); \
	fi

lint: install
	$(BIN)/ruff check vigie tests bench
	$(BIN)/ruff format --check vigie tests bench

typecheck: install
	$(BIN)/mypy vigie

# Generated artefacts (CLI reference, message catalogue template) must match the code.
check-generated: install
	$(BIN)/python -m vigie.docs check
	$(BIN)/python -m vigie.i18n.messages check

pytest: install system-deps
	$(BIN)/pytest -q -p no:cacheprovider

test: system-deps install lint typecheck check-generated pytest

bench: install
	$(BIN)/python bench/import_world.py
	$(BIN)/python bench/collect.py
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/network.py
	$(BIN)/python bench/febrl.py
	$(BIN)/python bench/resolve.py
	$(BIN)/python bench/screen_names.py
	$(BIN)/python bench/screen.py

clean:
	rm -rf $(VENV) vigie-data .pytest_cache .mypy_cache .ruff_cache
