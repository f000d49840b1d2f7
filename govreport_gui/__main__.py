"""``python -m govreport_gui`` and the ``govreport`` console script."""

import sys

from govreport_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
