"""The report's words in every language and the methodology-annex section."""

from __future__ import annotations

import pytest

from analysis.disclosure import DisclosurePolicy, annex_paragraphs, annex_text, default_policy
from analysis.disclosure.strings import STRINGS
from analysis.i18n import LANGUAGES


def test_every_string_exists_in_every_language() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
        # the same placeholders in every language
        fields = {lang: sorted(_fields(text)) for lang, text in texts.items()}
        assert len({tuple(f) for f in fields.values()}) == 1, (key, fields)


def _fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_annex_states_the_policy_in_each_language(language: str) -> None:
    text = annex_text(default_policy(), language)
    assert "3-" in text and "state × municipality × dem_sex × dem_age × hh_size" in text
    assert "inc_month" in text and "pv_*_n ≤ 10" in text
    assert text == "\n\n".join(annex_paragraphs(default_policy(), language))


def test_the_annex_leaves_out_what_the_policy_does_not_do() -> None:
    bare = DisclosurePolicy.from_mapping(
        {
            "drop": [],
            "dates": {},
            "top_codes": {},
            "bands": {},
            "geography": [],
            "pseudonymize": [],
            "quasi_identifiers": [],
            "cluster_keys": [],
        }
    )
    assert len(annex_paragraphs(bare, "en")) == 1


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language must be one of"):
        annex_text(default_policy(), "de")
