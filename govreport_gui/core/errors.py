"""Errors that reach the clerk: each carries a complete message in plain Chinese."""

from __future__ import annotations


class GovreportError(Exception):
    """Base class; ``str(error)`` is the message to show, never a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FormDefinitionError(GovreportError):
    """A file in ``forms/`` is wrong; the message names the file and the key or line."""


class DraftFileError(GovreportError):
    """A draft file cannot be read; nothing was changed."""


class ValueInputError(GovreportError, ValueError):
    """What was typed into a cell is not a value the cell can hold."""
