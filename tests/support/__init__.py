"""What the tests share: running the command, drafts to test with, a window on a throw-away
store, reading PDFs and exports back. Test modules are the ``test_*.py`` files beside this."""
