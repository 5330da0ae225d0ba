"""Run the command line: `python -m citeaudit`."""

import sys

from citeaudit.cli import main

sys.exit(main())
