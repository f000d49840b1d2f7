"""Entry point of the frozen app: the same ``main`` as the ``govreport`` console script.

Kept outside the package so that PyInstaller puts packaging/ (not the package folder)
on the module path, and ``govreport_gui`` comes from the installed wheel.
"""

import sys

from govreport_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
