"""Errors reported to users: one base class, one subclass per kind of failure."""


class DyadError(Exception):
    """Base class for errors reported to users (the CLI prints the message, no traceback)."""


class InputError(DyadError):
    """An input file or record cannot be read (binary, empty, bad encoding, unreadable)."""


class LexiconError(DyadError):
    """A language or knowledge-base data file is malformed."""


class UnknownLanguage(DyadError):
    """No lexicons exist for the requested language."""


class StoreError(DyadError):
    """The database cannot be opened or is not a dyad database."""


class DateError(DyadError):
    """A date given by the user cannot be parsed."""
