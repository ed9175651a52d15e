"""dyad: political event data from multilingual news — who did what to whom, when and where.

    >>> import dyad
    >>> doc = dyad.code("Germany's foreign minister met Brazil's president in Brasília.")
    >>> doc.to_dataframe()
"""
from __future__ import annotations

import datetime as dt
import functools

from dyad.errors import DyadError
from dyad.model import Article, Document, Event
from dyad.pipeline import Pipeline

__all__ = ["Article", "Document", "DyadError", "Event", "Pipeline", "code"]
__version__ = "0.1.0"


@functools.cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def code(text: str, published: dt.date | str | None = None, lang: str | None = None,
         article_id: str = "text") -> Document:
    """Code one article's text into events.

    :param text: the article text (its first line may be the title)
    :param published: publication date (a date or "YYYY-MM-DD"); relative dates resolve to it.
        Without one, dyad infers an anchor date from the text and marks it inferred.
    :param lang: ISO 639-1 language code; detected when None
    :param article_id: the id recorded in each event mention
    :returns: a Document with sentences, actors and deduplicated events
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return _default_pipeline().code(Article(id=article_id, text=text, published=published,
                                            lang=lang))
