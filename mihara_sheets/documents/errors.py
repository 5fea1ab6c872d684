"""Errors of document generation, worded for staff (Japanese) with a stable code."""

from __future__ import annotations


class DocumentError(Exception):
    """A document could not be made. ``message`` is Japanese text a member of staff can act on.

    ``code`` is stable for scripts: ``template-unknown-variable``, ``template-syntax``,
    ``template-unsafe``, ``template-unreadable``, ``template-output-invalid``,
    ``meeting-not-found``, ``plenary-not-found``, ``output-not-writable``,
    ``pdf-unavailable``, ``pdf-failed``.
    """

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


class TemplateError(DocumentError):
    """A template cannot be used: unknown variable, syntax error, unsafe or unreadable."""
