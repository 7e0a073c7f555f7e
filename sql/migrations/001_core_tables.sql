-- Core tables of the warehouse. Mirrors the Arrow schemas in wirehouse/schema.py
-- (tests/test_schema.py keeps the two in step). Fact tables carry no primary keys on
-- purpose: a batch is replaced by DELETE + INSERT in one transaction, and uniqueness is
-- asserted by the checks in sql/checks/.

-- Grain: one row per story version.
CREATE TABLE articles (
    article_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,
    version INTEGER,
    guid VARCHAR,
    format VARCHAR NOT NULL,
    agency VARCHAR,
    urgency SMALLINT,
    priority SMALLINT,
    slugline VARCHAR,
    headline VARCHAR,
    abstract VARCHAR,
    byline VARCHAR,
    dateline_places VARCHAR[],
    dateline_date VARCHAR,
    body VARCHAR NOT NULL,
    body_markup VARCHAR,
    lang_declared VARCHAR,
    keywords VARCHAR[],
    subjects STRUCT(code VARCHAR, name VARCHAR)[],
    first_created TIMESTAMPTZ,
    version_created TIMESTAMPTZ,
    embargo_until TIMESTAMPTZ,
    pubstatus VARCHAR,
    ednote VARCHAR,
    copyright VARCHAR,
    take_key VARCHAR,
    desk_codes VARCHAR[],
    word_count INTEGER NOT NULL,
    source_file VARCHAR NOT NULL,
    source_sha256 VARCHAR NOT NULL,
    item_index INTEGER NOT NULL,
    lang VARCHAR NOT NULL,
    lang_prob FLOAT,
    nlp_pipeline VARCHAR,
    nlp_pipeline_version VARCHAR,
    run_id VARCHAR NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per sentence of an article part (headline or body).
CREATE TABLE sentences (
    article_id VARCHAR NOT NULL,
    part VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    nlp_pipeline VARCHAR,
    run_id VARCHAR NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per entity mention; offsets index into the article part it came from.
CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    part VARCHAR NOT NULL,
    entity_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    norm VARCHAR,
    is_dateline BOOLEAN NOT NULL,
    nlp_pipeline VARCHAR,
    run_id VARCHAR NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per direct quote.
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    part VARCHAR NOT NULL,
    quote_index INTEGER NOT NULL,
    quote VARCHAR NOT NULL,
    speaker VARCHAR,
    speaker_norm VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    nlp_pipeline VARCHAR,
    run_id VARCHAR NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per ranked key phrase of an article.
CREATE TABLE keywords (
    article_id VARCHAR NOT NULL,
    rank SMALLINT NOT NULL,
    keyword VARCHAR NOT NULL,
    score FLOAT,
    nlp_pipeline VARCHAR,
    run_id VARCHAR NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per item inside a wire file that was deliberately not loaded.
CREATE TABLE skipped_items (
    source_file VARCHAR NOT NULL,
    source_sha256 VARCHAR NOT NULL,
    item_index INTEGER NOT NULL,
    guid VARCHAR,
    item_type VARCHAR,
    reason VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);

-- The manifest. Grain: one row per distinct file content (path, sha256) ever seen.
-- It decides what is new: a file is new while its sha256 has no row here.
CREATE TABLE ingest_files (
    path VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    format VARCHAR,
    status VARCHAR NOT NULL,
    reason VARCHAR,
    articles INTEGER NOT NULL,
    run_id VARCHAR NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (path, sha256)
);

-- Grain: one row per run of the nightly flow.
CREATE TABLE ingest_runs (
    run_id VARCHAR PRIMARY KEY,
    flow_run_id VARCHAR,
    inbox VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,
    files_seen INTEGER,
    files_new INTEGER,
    files_loaded INTEGER,
    files_quarantined INTEGER,
    files_duplicate INTEGER,
    items_skipped INTEGER,
    articles_loaded INTEGER,
    entities_loaded INTEGER,
    checks_failed INTEGER
);

-- Grain: one row per lake file a committed batch loaded. Lake files not listed here are
-- leftovers of a crashed run and are removed by the next run.
CREATE TABLE lake_files (
    path VARCHAR PRIMARY KEY,
    table_name VARCHAR NOT NULL,
    batch_key VARCHAR NOT NULL,
    row_count BIGINT NOT NULL,
    run_id VARCHAR NOT NULL
);

-- Grain: one row per data check per run.
CREATE TABLE check_results (
    run_id VARCHAR NOT NULL,
    check_name VARCHAR NOT NULL,
    passed BOOLEAN NOT NULL,
    failing_rows BIGINT NOT NULL,
    description VARCHAR,
    PRIMARY KEY (run_id, check_name)
);
