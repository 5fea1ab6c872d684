"""E-mail drafts (.eml) of a meeting notice for the members who asked for メール.

Pure logic: an address check, the body from a staff-editable text template, and the bytes
of one draft (:func:`draft_bytes`). Nothing is sent: the project only writes files that
Outlook (``X-Unsent: 1`` opens it as an unsent draft) or Thunderbird opens ready to send.

The body template is ``templates/notice_email.txt`` (Jinja, the notice's context; its
variables are listed in ``templates/README.md``). It runs in the same sandbox and limits as
the Word templates, without HTML escaping (it is plain text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError

from .errors import TemplateError
from .limits import DEFAULT_LIMITS, LimitedEnvironment, LimitExceeded, render_limited

EMAIL_TEMPLATE = "notice_email.txt"
SUBJECT_PREFIX = "【開催通知】"
MAX_TEMPLATE_BYTES = 64_000

# One plain address: a dot-atom local part, a domain of labels with a dot in it. Names,
# several addresses, spaces and quoted local parts are refused (staff type one address).
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def clean_address(typed: str | None) -> str | None:
    """The address of a roster cell, ready for a To header, or ``None`` when it is not one.

    Full-width letters and surrounding spaces are forgiven (NFKC, strip); anything else that
    is not a single ``local@domain.tld`` is refused.
    """
    if not typed:
        return None
    text = unicodedata.normalize("NFKC", str(typed)).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if len(text) > 254 or text.count("@") != 1:
        return None
    local, domain = text.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return None
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return None
    return text


def subject_of(meeting_title: str) -> str:
    """The draft's subject: 「【開催通知】<meeting title>」."""
    return f"{SUBJECT_PREFIX}{meeting_title}"


class BodyTemplate:
    """The compiled body template (plain-text Jinja, sandboxed, strict, limited)."""

    def __init__(self, source: str, name: str = EMAIL_TEMPLATE):
        from .render import _refuse_internals, _text_near

        self.name = name
        self.env = LimitedEnvironment(autoescape=False, undefined=StrictUndefined, limits=DEFAULT_LIMITS,
                                      keep_trailing_newline=True)
        try:
            ast = self.env.parse(source)
        except TemplateSyntaxError as exc:
            # Jinja's own message is English: the line and the text near it say enough.
            raise TemplateError("email-template-syntax", template=name, line=exc.lineno,
                                near=_text_near(source, exc.lineno)) from exc
        _refuse_internals(ast, name)
        from jinja2 import meta

        from .limits import guard_loops

        self.variables = meta.find_undeclared_variables(ast)
        self.template = self.env.from_string(guard_loops(ast))

    def render(self, context: Mapping[str, Any]) -> str:
        """The body for one recipient (``\\n`` line ends, no trailing blank lines beyond one)."""
        from jinja2 import UndefinedError

        from .render import _undefined_name, _unknown_variable

        missing = sorted(self.variables - set(context))
        if missing:
            raise _unknown_variable(self.name, missing)
        try:
            text = render_limited(self.env, self.template, context, DEFAULT_LIMITS)
        except UndefinedError as exc:
            raise _unknown_variable(self.name, [_undefined_name(str(exc))]) from exc
        except LimitExceeded as exc:
            raise TemplateError("template-too-large", template=self.name, part="本文", what=exc.what) from exc
        except Exception as exc:  # a computation in the template that fails on this data
            raise TemplateError("template-render-failed", template=self.name, part="本文",
                                detail=f"{type(exc).__name__}: {str(exc)[:80]}") from exc
        return text.replace("\r\n", "\n").rstrip("\n") + "\n"


def load_body_template(source: str | Path | None = None) -> BodyTemplate:
    """The body template: a file staff chose, or (None) the bundled ``notice_email.txt``."""
    if source is None:
        from ..resources import template_path

        path = template_path(EMAIL_TEMPLATE)
    else:
        path = Path(source)
    try:
        data = path.read_bytes()[: MAX_TEMPLATE_BYTES + 1]
        if len(data) > MAX_TEMPLATE_BYTES:
            raise TemplateError("email-template-unreadable", template=path.name, detail="大きすぎます")
        text = data.decode("utf-8-sig")
    except OSError as exc:
        reason = "見つかりません" if isinstance(exc, FileNotFoundError) else "読み込めません"
        raise TemplateError("email-template-unreadable", template=path.name, detail=reason) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError("email-template-unreadable", template=path.name,
                            detail="文字コードが UTF-8 ではありません") from exc
    return BodyTemplate(text, path.name)


def draft_bytes(*, to: str, to_name: str, subject: str, body: str, sender: str | None,
                sender_name: str | None, attachment: bytes | None, attachment_name: str) -> bytes:
    """One unsent e-mail (.eml bytes): To, Subject, a UTF-8 plain-text body, the PDF attached.

    Japanese headers are MIME encoded words and the attachment's file name RFC 2231
    encoded (``email``'s SMTP policy, CRLF line ends as .eml files have them).
    """
    message = EmailMessage(policy=SMTP)
    message["To"] = formataddr((to_name, to)) if to_name else to
    if sender:
        message["From"] = formataddr((sender_name or "", sender)) if sender_name else sender
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1] if sender and "@" in sender else None)
    message["X-Unsent"] = "1"  # Outlook opens it as a draft to send, not as a received mail
    message.set_content(body, subtype="plain", charset="utf-8", cte="base64")
    if attachment is not None:
        message.add_attachment(attachment, maintype="application", subtype="pdf", filename=attachment_name)
    return message.as_bytes()
