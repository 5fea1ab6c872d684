"""click's own words in Japanese: usage errors, help headings, the version line.

click marks its messages for gettext (``_("Usage:")``) and looks the function up in each
of its modules when it speaks, so installing a translation there makes every usage error
and help page read in Japanese without touching a locale or a ``.mo`` file. Only the
``mihara-sheets`` command installs it (:func:`install`), never a library import.
"""

from __future__ import annotations

import codecs
import importlib
import sys
import re
import unicodedata
from gettext import gettext as _original_gettext
from gettext import ngettext as _original_ngettext

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")

MESSAGES: dict[str, str] = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Show this message and exit.": "この説明を表示して終わる。",
    "Show the version and exit.": "版（バージョン）を表示して終わる。",
    "%(prog)s, version %(version)s": "%(prog)s 版 %(version)s",
    "Try '{command} {option}' for help.": "使い方は「{command} {option}」で表示できます。",
    "Error: {message}": "エラー: {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} の指定が正しくありません: {message}",
    "Invalid value: {message}": "指定が正しくありません: {message}",
    "Missing argument": "指定が足りません: 引数",
    "Missing option": "指定が足りません: オプション",
    "Missing parameter": "指定が足りません",
    "Missing parameter: {param_name}": "指定が足りません: {param_name}",
    "Missing {param_type}": "指定が足りません: {param_type}",
    "Missing command.": "コマンドを指定してください。",
    "No such command {name!r}.": "コマンド {name!r} はありません。",
    "No such option {name!r}.": "オプション {name!r} はありません。",
    "Option {name!r} does not take a value.": "オプション {name!r} に値は付けられません。",
    "Aborted!": "中止しました。",
    "default: {default}": "既定: {default}",
    "required": "必須",  # the help page's [required]
    "env var: {var}": "環境変数: {var}",
    "{name} {filename!r} does not exist.": "{name}「{filename}」がありません。",
    "{name} {filename!r} is a directory.": "{name}「{filename}」はフォルダです。",
    "{name} {filename!r} is a file.": "{name}「{filename}」はファイルです。",
    "{name} {filename!r} is not readable.": "{name}「{filename}」を読めません。",
    "{name} {filename!r} is not writable.": "{name}「{filename}」に書き込めません。",
    "{value!r} is not a valid {number_type}.": "{value!r} は数として読めません。",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "file": "ファイル",
    "directory": "フォルダ",
    "path": "パス",
}
PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "{value!r} is not {choice}.": "{value!r} は使えません（使えるのは {choice}）。",
    "{value!r} is not one of {choices}.": "{value!r} は使えません（使えるのは {choices} のいずれか）。",
    "Did you mean {possibility}?": "{possibility} のことですか？",
    "Takes {nargs} values but 1 was given.": "値が{nargs}つ必要ですが、1つしかありません。",
}


def gettext(message: str) -> str:
    """click's ``_``: the Japanese of ``message``, or ``message`` itself."""
    return MESSAGES.get(message) or _original_gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``: Japanese has one form, given under the singular's key."""
    return PLURALS.get(singular) or PLURALS.get(plural) or _original_ngettext(singular, plural, n)


_JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff60]")
_JAPANESE_END = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff60]$")


_NO_LINE_START = "、。，．）」』】・ー：:）"


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each full-width character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_japanese(paragraph: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken between characters (Japanese has no
    spaces to break at), never starting a line with 、。） and the like."""
    lines: list[str] = []
    line = ""
    for ch in paragraph:
        if display_width(line + ch) > width and line and ch not in _NO_LINE_START:
            cut = _last_break(line) if _is_word(ch) and _is_word(line[-1]) else len(line)
            if cut == 0:  # one ASCII word longer than the line: it has to be split
                cut = len(line)
            lines.append(line[:cut].rstrip())
            line = (line[cut:] + ch).lstrip()
        else:
            line += ch
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _is_word(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _last_break(line: str) -> int:
    """Where ``line`` may be cut without splitting a word of Latin letters (an option, a path)."""
    for i in range(len(line) - 1, 0, -1):
        if not _is_word(line[i - 1]) or not _is_word(line[i]):
            return i
    return 0


def join_japanese_lines(text: str, width: int = 78) -> str:
    """A help text with each Japanese paragraph joined without the space click would put
    between its lines (「指定します。 宛先は」 reads as a typo) and wrapped by display width;
    ``\b`` blocks stay as typed."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n")]
        if not lines or lines[0] == "\b" or not _JAPANESE.search(block):
            out.append(block)
            continue
        joined = ""
        for line in lines:
            space = "" if not joined or _JAPANESE_END.search(joined) or _JAPANESE_END.search(line[:1]) else " "
            joined += space + line
        out.append("\b\n" + "\n".join(wrap_japanese(joined, width)))
    return "\n\n".join(out)


# What a cp932 console (Windows' Japanese code page) cannot show, and what it shows instead.
PLAIN = {"✓": "○", "✗": "×", "—": "－", "〜": "～", "–": "-", "−": "－"}
PLAIN_ERRORS = "mihara-plain"


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(PLAIN.get(ch, "?") for ch in bad), error.end


codecs.register_error(PLAIN_ERRORS, _plain)


def safe_console_streams() -> None:
    """Let stdout and stderr print what their code page lacks (✓ — on cp932) as a look-alike."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf_8"):
            reconfigure(errors=PLAIN_ERRORS)


def _term_len(text: str) -> int:
    from click._compat import strip_ansi

    return display_width(strip_ansi(text))


def install() -> None:
    """Make click speak Japanese in this process (the ``mihara-sheets`` command), measure
    help columns by display width, and keep the console from failing on a code page."""
    import click.formatting

    safe_console_streams()
    click.formatting.term_len = _term_len

    original = getattr(click.formatting.wrap_text, "__wrapped__", click.formatting.wrap_text)

    def wrap_text(text, width=78, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - click's
        # Keep inside the width click leaves after the help text's indent.
        return original(join_japanese_lines(text, max(20, width - 4)), width, *args, **kwargs)

    wrap_text.__wrapped__ = original
    click.formatting.wrap_text = wrap_text
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
