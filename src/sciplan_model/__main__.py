"""``python -m sciplan_model …`` runs the ``sciplan`` command."""

import sys

try:
    from ._cli import main
except KeyboardInterrupt:  # Ctrl-C while the package is still being imported
    print("sciplan: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
