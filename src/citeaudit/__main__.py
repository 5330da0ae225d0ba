"""Run the command line: `python -m citeaudit`."""

import sys

from citeaudit.app.cli import main

sys.exit(main())
