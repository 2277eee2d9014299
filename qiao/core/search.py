"""Words for the site search, in German, English and Chinese.

The full-text search of SQLite (FTS5) and PostgreSQL splits text into words at spaces and
punctuation. Chinese is written without spaces, so a whole sentence would be one "word"
and 签证 would never find 签证与居留. Chinese text is therefore cut into words with jieba
(rjieba, the Rust implementation of the same dictionary and algorithm) on both sides:

- when a page or record is indexed, every run of Chinese characters becomes its words and
  the shorter words inside them (``cut_for_search``: 理工大学 is also 理工 and 大学);
- a query is reduced to its words (letters and digits only, so no character can break the
  database's query syntax), and Chinese runs in it are cut the same way, in precise mode.
"""

import re

import rjieba
from modelsearch import index

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"\w+")


def _spaced(words) -> str:
    return " " + " ".join(word for word in words if word.strip()) + " "


def segment_text(text: str) -> str:
    """``text`` with each Chinese run replaced by its words (and their parts), spaced."""
    return HAN.sub(lambda match: _spaced(rjieba.cut_for_search(match.group())), text).strip()


def query_words(query: str) -> list[str]:
    """The words of a visitor's query: letters and digits only; Chinese cut into words.

    ``"``, ``a"``, NUL or ``*`` are not words, so they never reach the database."""
    words = " ".join(WORD.findall(query))
    return WORD.findall(HAN.sub(lambda match: _spaced(rjieba.cut(match.group())), words))


def _segment_value(value):
    if isinstance(value, str):
        return segment_text(value)
    if isinstance(value, (list, tuple)):
        return [_segment_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _segment_value(item) for key, item in value.items()}
    return value


class SegmentedSearchField(index.SearchField):
    """A search field whose Chinese text is indexed as words."""

    def get_value(self, obj):
        return _segment_value(super().get_value(obj))


def segmented(fields) -> list:
    result = []
    for field in fields:
        if type(field) is index.SearchField:
            field = SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
        elif isinstance(field, index.RelatedFields):
            field = index.RelatedFields(field.field_name, segmented(field.fields))
        result.append(field)
    return result


class SegmentedSearchMixin:
    """For every indexed model of the site: Chinese text in its search fields is indexed as
    words. Put it before the model's base class."""

    @classmethod
    def get_search_fields(cls):
        return segmented(super().get_search_fields())
