"""govreport: 政府信息公开工作年度报告 — fill in, check, save, print and aggregate, offline."""

__version__ = "0.1.0"
