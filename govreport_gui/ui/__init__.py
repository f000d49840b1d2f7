"""The Qt window: a step-by-step report wizard over :mod:`govreport_gui.core`.

Nothing here does arithmetic or reads/writes a file format of its own: values are parsed
and checked by the core, drafts are kept by a :class:`~govreport_gui.storage.base.DraftStore`
and PDFs are made by the output layer.
"""
