"""``python -m sciplan_model …`` runs the ``sciplan`` command."""

import sys

from ._cli import main

sys.exit(main())
