from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Integer,
    Text,
    column,
    delete,
    event,
    insert,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint
from storage import search
from storage.articles import ArticleRecord, ensure_source, save_article
from storage.engine import alembic_config, make_engine, upgrade_schema
from storage.models import Article, ArticleSearch, Source, Story
from storage.search import (
    FTS_TABLE,
    TRIGRAM_INDEX,
    matching_article_ids,
    matching_story_condition,
    parse_query,
    story_ids_matching,
)

SIMPLIFIED = "2021上海-台北城市论坛今天以视频形式举行。上海市市长龚正、台北市市长柯文哲出席论坛并致辞。"
TRADITIONAL = "第十屆雙城論壇在臺北舉行，兩市簽署交通、衛生與文化交流備忘錄，市長蔣萬安致詞。"
ENGLISH = "The Twin-City Forum opened in Taipei on Tuesday; mayors signed four memoranda on culture."
UNRELATED = "台风预警：气象台发布橙色预警，沿海地区停课停工，渡轮全部停航，请市民注意安全。"


# The articles table as the migrations before 0008 left it: tests that store rows at an older revision
# write only its columns.
OLD_ARTICLES = table(
    "articles",
    column("id", Integer),
    column("story_id", Integer),
    column("source_id", Integer),
    column("url", Text),
    column("canonical_url", Text),
    column("content_hash", Text),
    column("title", Text),
    column("text", Text),
    column("html", Text),
    column("extractor", Text),
    column("joined_by", Text),
    column("is_head", Boolean),
    column("fetched_at", DateTime),
)


def store(engine: Engine, url: str, title: str, body: str) -> int:
    """Store an article through save_article (as the crawler does); its id."""
    record = ArticleRecord(
        source_name="sina",
        url=url,
        canonical_url=canonical_url(url),
        content_hash=content_hash(body),
        title=title,
        text=body,
        near_dup=fingerprint(body),
    )
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "sina", "site", "https://example.com/")
        article_id = save_article(session, record, source_id).article_id
    assert article_id is not None
    return article_id


def found(engine: Engine, query: str) -> set[int]:
    with Session(engine) as session:
        return set(session.scalars(matching_article_ids(query, engine.dialect.name)))


@pytest.fixture
def articles(engine: Engine) -> dict[str, int]:
    return {
        "simplified": store(engine, "https://a.example/1", "上海台北城市论坛举行", SIMPLIFIED),
        "traditional": store(engine, "https://tw.example/2", "雙城論壇臺北登場", TRADITIONAL),
        "english": store(engine, "https://en.example/3", "Twin-City Forum opens", ENGLISH),
        "unrelated": store(engine, "https://a.example/4", "台风橙色预警", UNRELATED),
    }


def test_a_traditional_query_finds_simplified_text_and_the_reverse(
    engine: Engine, articles: dict[str, int]
) -> None:
    assert found(engine, "城市論壇") == {articles["simplified"]}
    assert found(engine, "双城论坛") == {articles["traditional"]}
    assert found(engine, "雙城論壇") == {articles["traditional"]}
    assert found(engine, "柯文哲") == {articles["simplified"]}


def test_english_is_found_whatever_its_case_width_and_punctuation(
    engine: Engine, articles: dict[str, int]
) -> None:
    assert found(engine, "TAIPEI") == {articles["english"]}
    assert found(engine, "ｍｅｍｏｒａｎｄａ") == {articles["english"]}
    assert found(engine, '"twin city forum"') == {articles["english"]}
    assert found(engine, "twin-city") == {articles["english"]}


def test_every_term_must_be_found_in_the_same_article(engine: Engine, articles: dict[str, int]) -> None:
    assert found(engine, "市长 论坛") == {articles["simplified"], articles["traditional"]}
    assert found(engine, "柯文哲 蔣萬安") == set()
    assert found(engine, "上海 龚正") == {articles["simplified"]}
    assert found(engine, "twin taipei") == {articles["english"]}
    assert found(engine, "twin 上海") == set()


def test_short_terms_are_found_without_the_trigram_index(engine: Engine, articles: dict[str, int]) -> None:
    assert found(engine, "论坛") == {articles["simplified"], articles["traditional"]}
    assert found(engine, "論壇 蔣萬安") == {articles["traditional"]}
    assert found(engine, "预警 台") == {articles["unrelated"]}
    assert found(engine, "on") == {articles["english"]}


def test_a_phrase_does_not_match_across_title_and_text(engine: Engine) -> None:
    article_id = store(engine, "https://a.example/9", "Mayors meet", "Forum opens in Shanghai today.")
    assert found(engine, '"mayors meet"') == {article_id}
    assert found(engine, '"meet forum"') == set()


def test_operators_and_wildcards_are_searched_literally(engine: Engine, articles: dict[str, int]) -> None:
    # FTS5 syntax, LIKE and GLOB wildcards: no error, and nothing matched but what the words match.
    assert found(engine, 'NEAR("twin" forum) AND *') == set()
    assert found(engine, "NEAR") == set()
    assert found(engine, "AND") == {articles["english"]}  # in "memoranda": a substring like any other
    assert found(engine, "the AND forum") == {articles["english"]}
    for query in ("%", "_", "*", '"', '""', "%_%", "'; DROP TABLE articles; --", "[*]", "\\", "(", "^-:"):
        assert found(engine, query) == set(), query
    assert found(engine, "on%") == {articles["english"]}
    assert found(engine, 'forum* "taipei') == {articles["english"]}


def test_wildcards_in_a_term_are_literal_in_the_patterns(engine: Engine) -> None:
    # Folding leaves no punctuation in a term; the patterns escape it all the same.
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "sina", "site", "https://example.com/")
        story = Story(title="t")
        session.add(story)
        session.flush()
        for n, body in enumerate(["100% a_b [x]*?", "1000 axb x"]):
            url = f"https://x.example/{n}"
            article = Article(
                story_id=story.id,
                source_id=source_id,
                url=url,
                canonical_url=url,
                content_hash=str(n),
                title="t",
                text=body,
            )
            session.add(article)
            session.flush()
            session.add(ArticleSearch(article_id=article.id, document=body))  # unfolded, on purpose
    with Session(engine) as session:
        for term in ("100%", "a_b", "[x]*?"):
            like = select(ArticleSearch.document).where(
                ArticleSearch.document.like(search._like_pattern(term), escape="\\")
            )
            assert session.scalars(like).all() == ["100% a_b [x]*?"], term
            if engine.dialect.name == "sqlite":
                glob = text(f"SELECT document FROM {FTS_TABLE} WHERE document GLOB :pattern")
                assert session.scalars(glob, {"pattern": search._glob_pattern(term)}).all() == [
                    "100% a_b [x]*?"
                ], term


def test_empty_queries_are_refused(engine: Engine) -> None:
    for query in ("", "   ", "\t\n"):
        with pytest.raises(ValueError, match="empty"):
            matching_story_condition(query, engine.dialect.name)


def test_parse_query_folds_terms_and_keeps_phrases_whole() -> None:
    assert parse_query('Twin "City Forum"  雙城論壇 twin') == ["twin", "city forum", "双城论坛"]
    assert parse_query("“台北 上海” ＡＢＣ") == ["台北上海", "abc"]  # a space between hanzi is no break
    assert parse_query('"unclosed phrase here') == ["unclosed phrase here"]
    assert parse_query("% * _") == []
    with pytest.raises(ValueError, match="empty"):
        parse_query(" ")


def test_stories_are_found_by_any_of_their_copies(engine: Engine, articles: dict[str, int]) -> None:
    copy = store(engine, "https://tw.example/5", "上海－臺北城市論壇", SIMPLIFIED.replace("台北", "臺北"))
    with Session(engine) as session:
        story_of = dict(session.execute(select(Article.id, Article.story_id)).all())
        assert story_of[copy] == story_of[articles["simplified"]]
        stories = select(Story.id).where(matching_story_condition("臺北 龚正", engine.dialect.name))
        assert set(session.scalars(stories)) == {story_of[articles["simplified"]]}
        everywhere = set(session.scalars(story_ids_matching("论坛", engine.dialect.name)))
        assert everywhere == {story_of[articles["simplified"]], story_of[articles["traditional"]]}


def test_a_deleted_article_leaves_the_index(engine: Engine, articles: dict[str, int]) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(Article).where(Article.id == articles["unrelated"]))
    assert found(engine, "台风") == set()
    with engine.connect() as connection:
        gone = select(ArticleSearch.article_id).where(ArticleSearch.article_id == articles["unrelated"])
        assert connection.scalar(gone) is None
    _assert_index_consistent(engine)


def test_the_trigram_index_serves_the_query(engine: Engine, articles: dict[str, int]) -> None:
    query = matching_article_ids("双城论坛", engine.dialect.name)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            compiled = query.compile(connection)
            plan = connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {compiled}", tuple(compiled.params.values())
            ).all()
            assert any(f"SCAN {FTS_TABLE} VIRTUAL TABLE" in row[3] for row in plan), plan
        else:
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
            plan = "\n".join(connection.exec_driver_sql(f"EXPLAIN {compiled}").scalars())
            assert TRIGRAM_INDEX in plan, plan
    _assert_index_consistent(engine)


def test_migration_indexes_the_articles_stored_before_it(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BACKFILL_BATCH", 2)  # several batches out of five articles
    engine = make_engine(database_url, for_writing=True)
    try:
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0004")
        bodies = [SIMPLIFIED, TRADITIONAL, ENGLISH, UNRELATED, "第五篇：雙城論壇閉幕"]
        with Session(engine) as session, session.begin():
            source = Source(name="sina", kind="site", url="https://example.com/")
            session.add(source)
            session.flush()
            for n, body in enumerate(bodies):
                story = Story(title=f"story {n}")
                session.add(story)
                session.flush()
                session.execute(  # the columns of that revision: the model has more
                    insert(OLD_ARTICLES).values(
                        story_id=story.id,
                        source_id=source.id,
                        url=f"https://old.example/{n}",
                        canonical_url=f"https://old.example/{n}",
                        content_hash=content_hash(body),
                        title=f"Old article {n}",
                        text=body,
                        html="",
                        extractor="",
                        fetched_at=datetime.now(UTC),
                    )
                )
        upgrade_schema(engine)
        with Session(engine) as session:
            ids = dict(session.execute(select(Article.text, Article.id)).all())
        assert found(engine, "双城论坛") == {ids[TRADITIONAL], ids["第五篇：雙城論壇閉幕"]}
        assert found(engine, "old article") == set(ids.values())
        assert found(engine, "柯文哲") == {ids[SIMPLIFIED]}
        _assert_index_consistent(engine)
        # And articles stored from now on are indexed as they are stored.
        new = store(engine, "https://new.example/1", "新文章", "雙城論壇再次舉行")
        assert found(engine, "双城论坛") == {ids[TRADITIONAL], ids["第五篇：雙城論壇閉幕"], new}
    finally:
        engine.dispose()


def test_migration_folds_the_documents_stored_before_it_by_words(database_url: str) -> None:
    engine = make_engine(database_url, for_writing=True)
    try:
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0006")
            # As 0006's code folded them: by script only, a space for the hyphen.
            source = connection.execute(
                insert(Source)
                .values(name="cna", kind="site", url="https://example.com/")
                .returning(Source.id)
            ).scalar_one()
            story = connection.execute(insert(Story).values(title="story").returning(Story.id)).scalar_one()
            article = connection.execute(
                insert(OLD_ARTICLES)
                .values(
                    story_id=story,
                    source_id=source,
                    url="https://tw.example/old",
                    canonical_url="https://tw.example/old",
                    content_hash=content_hash("網路報導"),
                    title="上海-臺北城市論壇",
                    text="網路報導",
                    html="",
                    extractor="",
                    fetched_at=datetime.now(UTC),
                )
                .returning(OLD_ARTICLES.c.id)
            ).scalar_one()
            connection.execute(
                insert(ArticleSearch).values(article_id=article, document="上海 台北城市论坛\n网路报导")
            )
        assert found(engine, "网络") == set()
        upgrade_schema(engine)
        assert found(engine, "网络") == {article}
        assert found(engine, "报道") == {article}
        assert found(engine, "上海台北城市论坛") == {article}
        _assert_index_consistent(engine)
    finally:
        engine.dispose()


def test_without_pg_trgm_search_scans_the_table(postgres_url: str, caplog: pytest.LogCaptureFixture) -> None:
    # The server refuses the extension (here: one it does not have): the migration goes on without the
    # index, says so, and search still finds everything.
    engine = make_engine(postgres_url, for_writing=True)

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _no_pg_trgm(
        _connection: object, _cursor: object, statement: str, parameters: object, *_: object
    ) -> tuple[str, object]:
        return statement.replace("pg_trgm", "pg_trgm_not_installed"), parameters

    try:
        with caplog.at_level(logging.WARNING, logger="storage.migrations"):
            upgrade_schema(engine)
        assert "pg_trgm could not be created" in caplog.text
        event.remove(engine, "before_cursor_execute", _no_pg_trgm)
        assert TRIGRAM_INDEX not in {index["name"] for index in inspect(engine).get_indexes("article_search")}
        article_id = store(engine, "https://tw.example/2", "雙城論壇臺北登場", TRADITIONAL)
        assert found(engine, "双城论坛") == {article_id}
        assert found(engine, "论坛 蔣萬安") == {article_id}
    finally:
        engine.dispose()


def _assert_index_consistent(engine: Engine) -> None:
    """SQLite: the FTS5 index holds exactly the documents of article_search (FTS5's own check)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )


def test_taiwanese_and_mainland_words_find_each_other(engine: Engine) -> None:
    pairs = [("報導", "报道"), ("網路", "网络"), ("軟體", "软件"), ("資訊", "信息"), ("計程車", "出租车")]
    taiwanese = store(engine, "https://tw.example/words", "市府說明", "、".join(tw for tw, _ in pairs) + "。")
    mainland = store(engine, "https://cn.example/words", "市府说明", "、".join(cn for _, cn in pairs) + "。")
    for tw, cn in pairs:
        assert found(engine, tw) == {taiwanese, mainland}, tw
        assert found(engine, cn) == {taiwanese, mainland}, cn


def test_a_hyphenated_name_finds_the_name_without_it(engine: Engine, articles: dict[str, int]) -> None:
    assert found(engine, "上海-台北城市论坛") == {articles["simplified"]}
    assert found(engine, "上海台北城市論壇") == {articles["simplified"]}
