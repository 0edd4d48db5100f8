"""python -m connectors: kept as an alias of `python -m loading` (the command line lives in loading/cli.py).

The one documented exception to the layer contract (docs/architecture.md): connectors never import the
loading package except here, so existing scripts and cron jobs keep working.
"""
from loading.cli import main

raise SystemExit(main())
