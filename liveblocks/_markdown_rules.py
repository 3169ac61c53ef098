"""The grammar of GitHub-flavoured Markdown as ``marked`` 15 reads it (the parser behind
``@liveblocks/node``'s ``markdownToCommentBody``), as regular expressions.

The patterns are written in JavaScript's dialect and translated when compiled: ``.`` stops
at line ends, ``\\s`` is JavaScript's whitespace, ``$`` is the end of the text; the rules
that ask whether a character is Unicode punctuation read text through :func:`fold`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "WS",
    "WS_CHARS",
    "Block",
    "Inline",
    "block_rules",
    "fold",
    "inline_rules",
    "is_alphanumeric",
    "is_punctuation",
]

# -- character classes, as JavaScript's -----------------------------------------------------

WS = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DOT = "[^\n\r\u2028\u2029]"
# Punctuation and symbols: every printable ASCII character but letters and digits, and the
# one character :func:`fold` writes for any other punctuation or symbol.
_PS = r"!-/:-@\[-`{-~" + "\u00a1"
_FOLDED_PUNCTUATION = "\u00a1"  # ¡, punctuation
_FOLDED_OTHER = "\u00aa"  # ª, a letter


class _FoldTable(dict[int, str]):
    """Code point -> the character :func:`fold` writes for it, computed on first use."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if code < 0x80 or char in WS_CHARS:
            folded = char
        elif unicodedata.category(char)[0] in "PS":
            folded = _FOLDED_PUNCTUATION
        else:
            folded = _FOLDED_OTHER
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` with each character beyond ASCII but whitespace replaced by one that
    stands for its kind (punctuation or symbol; anything else), so the emphasis rules,
    which ask only that, need no class of every Unicode punctuation mark. Same length."""
    return text if text.isascii() else text.translate(_FOLD)


def is_punctuation(char: str) -> bool:
    """Whether ``char`` is Unicode punctuation or a symbol."""
    return unicodedata.category(char)[0] in "PS"


def is_alphanumeric(char: str) -> bool:
    """Whether ``char`` is a Unicode letter or number."""
    return unicodedata.category(char)[0] in "LN"


def _js(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written with the placeholders ``{WS}`` (whitespace, inside a
    class), ``{DOT}``, ``{PS}`` (punctuation and symbols, inside a class, for text that
    went through :func:`fold`) and ``{END}`` (the end of the text)."""
    for name, value in (("{WS}", WS), ("{DOT}", _DOT), ("{END}", r"\Z"), ("{PS}", _PS)):
        pattern = pattern.replace(name, value)
    return re.compile(pattern, flags)


# -- block grammar ----------------------------------------------------------------------

_TAG = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|meta|nav|noframes|"
    "ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|"
    "tr|track|ul"
)
_BULLET = r"(?:[*+-]|[0-9]{1,9}[.)])"
_HR_BODY = r" {0,3}((?:-[\t ]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})(?:\n+|{END})"
_HEADING_START = r" {0,3}#{1,6}(?:[{WS}]|{END})"
_FENCES_START = r" {0,3}(?:`{3,}(?=[^`\n]*\n)|~{3,})[^\n]*\n"
_LIST_START = r" {0,3}(?:[*+-]|1[.)]) "
_HTML_START = rf"</?(?:{_TAG})(?: +|\n|/?>)|<(?:script|pre|style|textarea|!--)"
_TABLE_BODY = (
    r" *([^\n ]{DOT}*)\n {0,3}((?:\| *)?:?-+:? *(?:\| *:?-+:? *)*(?:\| *)?)"
    r"(?:\n((?:(?! *\n|"
    + _HR_BODY
    + "|"
    + _HEADING_START
    + r"| {0,3}>|(?: {4}| {0,3}\t)[^\n]|"
    + _FENCES_START
    + "|"
    + _LIST_START
    + "|"
    + _HTML_START
    + r"){DOT}*(?:\n|{END}))*)\n*|{END})"
)


def _paragraph(with_table: bool) -> str:
    interrupts = [_HR_BODY, _HEADING_START, " {0,3}>", _FENCES_START, _LIST_START, _HTML_START]
    if with_table:
        interrupts.append(_TABLE_BODY)
    return r"([^\n]+(?:\n(?!" + "|".join(interrupts) + r"| +\n)[^\n]+)*)"


_COMMENT = r"<!--(?:-?>|[\s\S]*?(?:-->|{END}))"
_ATTRIBUTE = (
    r""" +[a-zA-Z:_][A-Za-z0-9_.:-]*(?: *= *"[^"\n]*"| *= *'[^'\n]*'| *= *[^{WS}"'=<>`]+)?"""
)
_LHEADING_NOT = (
    r"(?:" + _BULLET + r" |(?: {4}| {0,3}\t)| {0,3}(?:`{3,}|~{3,})| {0,3}>| {0,3}#{1,6}"
    r"| {0,3}<[^\n>]+>\n| {0,3}\|?(?:[:\- ]*\|)+[\:\- ]*\n)"
)


@dataclass(frozen=True)
class Block:
    newline: re.Pattern[str]
    code: re.Pattern[str]
    fences: re.Pattern[str]
    hr: re.Pattern[str]
    heading: re.Pattern[str]
    blockquote: re.Pattern[str]
    list: re.Pattern[str]
    html: re.Pattern[str]
    definition: re.Pattern[str]
    table: re.Pattern[str]
    lheading: re.Pattern[str]
    paragraph: re.Pattern[str]
    text: re.Pattern[str]


@functools.cache
def block_rules() -> Block:
    label = r"(?!\s*\])(?:\\{DOT}|[^\[\]\\])+".replace(r"\s", "[{WS}]")
    title = r"""(?:"(?:\\"?|[^"\\])*"|'[^'\n]*(?:\n[^'\n]+)*\n?'|\([^()]*\))"""
    html = (
        r"^ {0,3}(?:<(script|pre|style|textarea)[{WS}>][\s\S]*?(?:</\1>[^\n]*\n+|{END})"
        r"|" + _COMMENT + r"[^\n]*(\n+|{END})"
        r"|<\?[\s\S]*?(?:\?>\n*|{END})|<![A-Z][\s\S]*?(?:>\n*|{END})"
        r"|<!\[CDATA\[[\s\S]*?(?:\]\]>\n*|{END})"
        r"|</?(" + _TAG + r")(?: +|\n|/?>)[\s\S]*?(?:(?:\n[ \t]*)+\n|{END})"
        r"|<(?!script|pre|style|textarea)([a-z][A-Za-z0-9_-]*)(?:" + _ATTRIBUTE + r")*? */?>"
        r"(?=[ \t]*(?:\n|{END}))[\s\S]*?(?:(?:\n[ \t]*)+\n|{END})"
        r"|</(?!script|pre|style|textarea)[a-z][A-Za-z0-9_-]*[{WS}]*>(?=[ \t]*(?:\n|{END}))"
        r"[\s\S]*?(?:(?:\n[ \t]*)+\n|{END}))"
    )
    return Block(
        newline=_js(r"^(?:[ \t]*(?:\n|{END}))+"),
        code=_js(r"^((?: {4}| {0,3}\t)[^\n]+(?:\n(?:[ \t]*(?:\n|{END}))*)?)+"),
        fences=_js(
            r"^ {0,3}(`{3,}(?=[^`\n]*(?:\n|{END}))|~{3,})([^\n]*)(?:\n|{END})"
            r"(?:|([\s\S]*?)(?:\n|{END}))(?: {0,3}\1[~`]* *(?=\n|{END})|{END})"
        ),
        hr=_js("^" + _HR_BODY),
        heading=_js(r"^ {0,3}(#{1,6})(?=[{WS}]|{END})({DOT}*)(?:\n+|{END})"),
        blockquote=_js(r"^( {0,3}> ?(" + _paragraph(False) + r"|[^\n]*)(?:\n|{END}))+"),
        list=_js(r"^( {0,3}" + _BULLET + r")([ \t][^\n]+?)?(?:\n|{END})"),
        html=_js(html, re.IGNORECASE),
        definition=_js(
            r"^ {0,3}\[(" + label + r")\]: *(?:\n[ \t]*)?([^<{WS}][^{WS}]*|<{DOT}*?>)"
            r"(?:(?: +(?:\n[ \t]*)?| *\n[ \t]*)(" + title + r"))? *(?:\n+|{END})"
        ),
        table=_js("^" + _TABLE_BODY),
        lheading=_js(
            r"^(?!" + _LHEADING_NOT + r")((?:{DOT}|\n(?![{WS}]*?\n|" + _LHEADING_NOT + r"))+?)"
            r"\n {0,3}(=+|-+) *(?:\n+|{END})"
        ),
        paragraph=_js("^" + _paragraph(True)),
        text=_js(r"^[^\n]+"),
    )


# -- inline grammar ---------------------------------------------------------------------

_EMAIL_CHARS = r"a-zA-Z0-9.!#$%&'*+/=?_`{\|}~-"


@dataclass(frozen=True)
class Inline:
    escape: re.Pattern[str]
    code: re.Pattern[str]
    br: re.Pattern[str]
    text: re.Pattern[str]
    left_delimiter: re.Pattern[str]
    right_asterisk: re.Pattern[str]
    right_underscore: re.Pattern[str]
    any_punctuation: re.Pattern[str]
    block_skip: re.Pattern[str]
    autolink: re.Pattern[str]
    tag: re.Pattern[str]
    link: re.Pattern[str]
    reflink: re.Pattern[str]
    nolink: re.Pattern[str]
    reflink_search: re.Pattern[str]
    url: re.Pattern[str]
    backpedal: re.Pattern[str]
    delete: re.Pattern[str]


def _right_delimiter(mark: str, punct: str, punct_space: str, not_punct_space: str) -> str:
    m = re.escape(mark)
    other = "*" if mark == "_" else "_"
    o = re.escape(other)
    alternatives = [
        rf"^[^_*]*?{o}{o}[^_*]*?{m}[^_*]*?(?={o}{o})",
        rf"[^{m}]+(?=[^{m}])",
        rf"(?!{m}){punct}({m}+)(?=[{{WS}}]|{{END}})",
        rf"{not_punct_space}({m}+)(?!{m})(?={punct_space}|{{END}})",
        rf"(?!{m}){punct_space}({m}+)(?={not_punct_space})",
        rf"[{{WS}}]({m}+)(?!{m})(?={punct})",
        rf"(?!{m}){punct}({m}+)(?!{m})(?={punct})",
    ]
    if mark == "*":
        alternatives.append(rf"{not_punct_space}({m}+)(?={not_punct_space})")
    return "|".join(alternatives)


@functools.cache
def inline_rules() -> Inline:
    punct = "[{PS}]"
    punct_space = "[{WS}{PS}]"
    not_punct_space = "[^{WS}{PS}]"
    gfm_punct = "(?!~)[{PS}]"
    gfm_punct_space = "(?!~)[{WS}{PS}]"
    gfm_not_punct_space = "(?:[^{WS}{PS}]|~)"
    inline_label = r"(?:\[(?:\\{DOT}|[^\[\]\\])*\]|\\{DOT}|`[^`]*`|[^\[\]\\`])*?"
    block_label = r"(?![{WS}]*\])(?:\\{DOT}|[^\[\]\\])+"
    reflink = r"!?\[(" + inline_label + r")\]\[(" + block_label + r")\]"
    nolink = r"!?\[(" + block_label + r")\](?:\[\])?"
    attribute = (
        r"[{WS}]+[a-zA-Z:_][A-Za-z0-9_.:-]*(?:[{WS}]*=[{WS}]*\"[^\"]*\""
        r"|[{WS}]*=[{WS}]*'[^']*'|[{WS}]*=[{WS}]*[^{WS}\"'=<>`]+)?"
    )
    email = (
        r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+(@)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
        r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+(?![-_])"
    )
    return Inline(
        escape=_js(r"^\\([!\"#$%&'()*+,\-./:;<=>?@\[\]\\^_`{|}~])"),
        code=_js(r"^(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)"),
        br=_js(r"^( {2,}|\\)\n(?![{WS}]*{END})"),
        text=_js(
            r"^([`~]+|[^`~])(?:(?= {2,}\n)|(?=[" + _EMAIL_CHARS + r"]+@)|[\s\S]*?(?:(?=[\\<!\[`*~_]"
            r"|(?a:\b)_|https?://|ftp://|www\.|{END})|[^ ](?= {2,}\n)|[^" + _EMAIL_CHARS + r"]"
            r"(?=[" + _EMAIL_CHARS + r"]+@)))"
        ),
        left_delimiter=_js(
            r"^(?:\*+(?:((?!\*)"
            + gfm_punct
            + r")|[^{WS}*]))|^_+(?:((?!_)"
            + gfm_punct
            + r")|([^{WS}_]))"
        ),
        right_asterisk=_js(_right_delimiter("*", gfm_punct, gfm_punct_space, gfm_not_punct_space)),
        right_underscore=_js(_right_delimiter("_", punct, punct_space, not_punct_space)),
        any_punctuation=_js(r"\\([{PS}])"),
        block_skip=_js(
            r"\[[^\[\]]*?\]\((?:\\{DOT}|[^\\\(\)]|\((?:\\{DOT}|[^\\\(\)])*\))*\)|`[^`]*?`|<[^<>]*?>"
        ),
        autolink=_js(r"^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^{WS}\x00-\x1f<>]*|" + email + ")>"),
        tag=_js(
            r"^<!--(?:-?>|[\s\S]*?-->)|^</[a-zA-Z][A-Za-z0-9_:-]*[{WS}]*>"
            r"|^<[a-zA-Z][A-Za-z0-9_-]*(?:" + attribute + r")*?[{WS}]*/?>"
            r"|^<\?[\s\S]*?\?>|^<![a-zA-Z]+[{WS}][\s\S]*?>|^<!\[CDATA\[[\s\S]*?\]\]>"
        ),
        link=_js(
            r"^!?\[(" + inline_label + r")\]\([{WS}]*(<(?:\\{DOT}|[^\n<>\\])+>|[^ \t\n\x00-\x1f]*)"
            r"(?:(?:[ \t]*(?:\n[ \t]*)?)(\"(?:\\\"?|[^\"\\])*\"|'(?:\\'?|[^'\\])*'"
            r"|\((?:\\\)?|[^)\\])*\)))?[{WS}]*\)"
        ),
        reflink=_js("^" + reflink),
        nolink=_js("^" + nolink),
        reflink_search=_js(reflink + "|" + nolink + r"(?!\()"),
        url=_js(
            r"^((?:ftp|https?)://|www\.)(?:[a-zA-Z0-9\-]+\.?)+[^{WS}<]*"
            r"|^[A-Za-z0-9._+-]+(@)[a-zA-Z0-9-_]+(?:\.[a-zA-Z0-9-_]*[a-zA-Z0-9])+(?![-_])",
            re.IGNORECASE,
        ),
        backpedal=_js(
            r"(?:[^?!.,:;*_'\"~()&]+|\([^)]*\)|&(?![a-zA-Z0-9]+;{END})|[?!.,:;*_'\"~)]+(?!{END}))+"
        ),
        delete=_js(
            r"^(~~?)(?=[^{WS}~])((?:\\{DOT}|[^\\])*?(?:\\{DOT}|[^{WS}~\\]))\1(?=[^~]|{END})"
        ),
    )


#: The characters of :data:`WS`, for ``str.strip`` (JavaScript's ``trim``).
WS_CHARS = "\t\n\x0b\x0c\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
