"""Form definitions, values, checks and draft documents: pure Python, no Qt, no files of the UI."""
