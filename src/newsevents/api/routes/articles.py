"""Articles: full-text search and one article with its annotations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status

from newsevents.api.deps import Conn, Limit, Offset
from newsevents.api.params import MAX_WORDS_CHARS
from newsevents.api.schemas import ArticlePublic, ArticlesPublic
from newsevents.store import queries

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=ArticlesPublic)
def search_articles(
    conn: Conn,
    q: Annotated[
        str | None,
        Query(
            description=f"Words to find (all required); empty = all. At most {MAX_WORDS_CHARS} characters.",
            max_length=MAX_WORDS_CHARS,
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles matching a full-text query, best first (or all, newest first)."""
    rows, count = queries.search_articles(conn, q, limit=limit, offset=offset)
    return {"data": rows, "count": count}


@router.get("/{article_id}", response_model=ArticlePublic)
def get_article(conn: Conn, article_id: str) -> dict[str, Any]:
    """One article: text, entities, places, times, quotes, quantities, events, mentions."""
    article = queries.get_article(conn, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article with id {article_id!r}")
    return article
