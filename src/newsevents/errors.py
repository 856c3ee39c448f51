"""Errors with actionable messages."""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class: the message says what went wrong and what to do about it."""


class InputError(NewsEventsError):
    """A document or record could not be read; the run goes on without it."""


class ConfigError(NewsEventsError):
    """A bad option: the message names the option, the value and what would be valid."""

    def __init__(self, option: str, value: object, valid: str) -> None:
        super().__init__(f"invalid {option}={value!r}: expected {valid}")
        self.option = option
        self.value = value


class ResourceMissingError(NewsEventsError):
    """A model or data file is not installed; the message names the install command."""


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line, ``Type: message``, for rejects and warnings."""
    message = " ".join(str(exc).split())
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
