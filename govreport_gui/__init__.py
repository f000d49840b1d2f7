"""govreport: 政府信息公开工作年度报告 — fill in, check, save, print and aggregate, offline."""

import logging

__version__ = "0.1.0"

# Log lines go to the data folder's log once storage.logfile starts it, and nowhere before:
# never to stderr through logging's last resort (the command line prints no tracebacks).
logging.getLogger(__name__).addHandler(logging.NullHandler())
