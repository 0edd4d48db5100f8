# Conveniences for developers; the README's two commands need nothing but bash.
.PHONY: run test lint format typecheck bench

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check .

format:
	.venv/bin/ruff format .

typecheck:
	.venv/bin/mypy

bench:
	.venv/bin/python bench/run.py
