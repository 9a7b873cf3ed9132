"""Codes on OCR'd text put back together where OCR broke them: a long number split by one space, and an
underscore OCR lost (a thin stroke on the baseline that a scan's blur erases) inside a code that uses it."""
from __future__ import annotations

import re

Token = tuple[object, int, int]  # (code, start, end) in the line's text

# after a code written with underscores, one space and a capital/digit run that ends the line or its column
# (two spaces): the underscore OCR lost ('UC1_2023020 AFF'); never a lower-case word ('du', 'vom') or prose
_LOST_UNDERSCORE = re.compile(r" ([A-Z0-9]{2,}(?:_[A-Z0-9]+)*)(?=\s{2}|\s*$)")


def _split_number(previous: Token, token: Token, text: str) -> bool:
    """Two digit runs of three or more, one space apart, eight digits or more together ('20221 100001')."""
    left, right = str(previous[0]), str(token[0])
    return (left.isdigit() and right.isdigit() and text[previous[2]:token[1]] == " "
            and min(len(left), len(right)) >= 3 and len(left + right) >= 8)


def _with_lost_underscore(token: Token, text: str) -> Token:
    """The code with the capital run after it, when OCR read its underscore as a space (see `_LOST_UNDERSCORE`)."""
    code, start, end = token
    if "_" not in str(code):
        return token
    m = _LOST_UNDERSCORE.match(text, end)
    return (f"{code}_{m.group(1)}", start, m.end(1)) if m else token


def joined_codes(tokens: list[Token], text: str) -> list[Token]:
    """The codes of one OCR'd line, with the pieces OCR split joined again."""
    out: list[Token] = []
    for token in tokens:
        if out and out[-1][2] > token[1]:
            continue  # already taken into the code before it
        if out and _split_number(out[-1], token, text):
            out[-1] = (str(out[-1][0]) + str(token[0]), out[-1][1], token[2])
        else:
            out.append(token)
        out[-1] = _with_lost_underscore(out[-1], text)
    return out
