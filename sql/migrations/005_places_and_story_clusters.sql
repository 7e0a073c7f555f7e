-- Places on the map and the same story across agencies (issue 17). Mirrors PLACES,
-- ARTICLE_SIGNATURES and STORY_CLUSTERS in wirehouse/schema.py.

-- Grain: one row per place mention (LOC entity or dateline place), resolved or not.
CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    part VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    mention VARCHAR NOT NULL,
    geonameid BIGINT,
    name VARCHAR,
    country_code VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    feature VARCHAR,
    confidence FLOAT NOT NULL,
    method VARCHAR NOT NULL,
    nlp_pipeline VARCHAR,
    run_id VARCHAR NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per article: MinHash signature of its headline + body word shingles.
CREATE TABLE article_signatures (
    article_id VARCHAR NOT NULL,
    minhash BLOB NOT NULL,
    shingles INTEGER NOT NULL,
    nlp_pipeline VARCHAR,
    run_id VARCHAR NOT NULL,
    ingest_date DATE NOT NULL
);

-- Grain: one row per clustered article; cluster_id is the article id of its first story.
-- Assigned once per article (incrementally, night by night), never re-assigned.
CREATE TABLE story_clusters (
    cluster_id VARCHAR NOT NULL,
    article_id VARCHAR PRIMARY KEY,
    similarity FLOAT NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    run_id VARCHAR NOT NULL
);
