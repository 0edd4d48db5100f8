"""python -m loading: the command line (see loading/cli.py)."""
from loading.cli import main

raise SystemExit(main())
