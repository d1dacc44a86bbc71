"""The one sanitiser: no control, bidi or surrogate code point survives; lengths are kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sanitize import PLACEHOLDER, has_unsafe, safe, safe_json_value, safe_line


def test_escape_sequences_lose_their_escape() -> None:
    osc52 = "title\x1b]52;c;aGVsbG8=\x07 end"
    assert "\x1b" not in safe(osc52)
    assert "\x07" not in safe(osc52)
    assert "\x9b" not in safe("a\x9b2Jb")
    assert safe("a\u202eb") == f"a{PLACEHOLDER}b"


def test_newline_and_tab_are_kept_except_on_one_line() -> None:
    assert safe("a\nb\tc") == "a\nb\tc"
    assert safe_line("a\nb\tc") == "a b c"


def test_plain_text_is_returned_unchanged() -> None:
    text = "Wang Yi said “no” — 王毅 😀"
    assert safe(text) is text
    assert not has_unsafe(text)


def test_lone_surrogates_are_replaced_for_json() -> None:
    assert safe_json_value({"k": ["a\ud800"]}) == {"k": ["a" + PLACEHOLDER]}


@given(st.text())
def test_output_is_safe_and_as_long_as_input(text: str) -> None:
    for cleaned in (safe(text), safe_line(text)):
        assert len(cleaned) == len(text)
        assert not has_unsafe(cleaned)
        assert not any(
            0x80 <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in "\n\t") for c in cleaned
        )


def test_safe_json_dumps_escapes_c1_and_bidi_and_round_trips() -> None:
    import json

    from reader.core.sanitize import safe_json_dumps

    value = {"t": "a\x1b[2J b\x9b c\u202e d\ud800"}
    text = safe_json_dumps(value)
    assert not any(ch in text for ch in "\x1b\x9b\u202e\ud800")
    assert json.loads(text)["t"] == "a\x1b[2J b\x9b c\u202e d\ufffd"
