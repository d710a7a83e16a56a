"""`python -m mkdocs_journeys.cli`: the `journeys` command."""

import sys

from . import main

sys.exit(main())
