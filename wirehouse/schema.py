"""One Arrow schema per table, defined once and used by every writer, reader and test.

The DuckDB DDL in `sql/migrations/` mirrors these; `tests/test_schema.py` keeps them in step.
"""

from __future__ import annotations

import pyarrow as pa

UTC_TS = pa.timestamp("us", tz="UTC")
TEXT_LIST = pa.list_(pa.string())
SUBJECT = pa.struct([("code", pa.string()), ("name", pa.string())])

# Columns every reader can fill (see wirehouse.model.Article), in table order.
PARSED_FIELDS: list[pa.Field] = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("story_id", pa.string(), nullable=False),
    pa.field("version", pa.int32()),
    pa.field("guid", pa.string()),
    pa.field("format", pa.string(), nullable=False),
    pa.field("agency", pa.string()),
    pa.field("urgency", pa.int16()),
    pa.field("priority", pa.int16()),
    pa.field("slugline", pa.string()),
    pa.field("headline", pa.string()),
    pa.field("abstract", pa.string()),
    pa.field("byline", pa.string()),
    pa.field("dateline_places", TEXT_LIST),
    pa.field("dateline_date", pa.string()),
    pa.field("body", pa.string(), nullable=False),
    pa.field("body_markup", pa.string()),
    pa.field("lang_declared", pa.string()),
    pa.field("keywords", TEXT_LIST),
    pa.field("subjects", pa.list_(SUBJECT)),
    pa.field("first_created", UTC_TS),
    pa.field("version_created", UTC_TS),
    pa.field("embargo_until", UTC_TS),
    pa.field("pubstatus", pa.string()),
    pa.field("ednote", pa.string()),
    pa.field("copyright", pa.string()),
    pa.field("take_key", pa.string()),
    pa.field("desk_codes", TEXT_LIST),
    pa.field("word_count", pa.int32(), nullable=False),
]

# What analysts rely on, derived in one place (`Article.to_row`) from what readers fill; added
# by migration 004, hence at the end of the table. `agency` and `pubstatus` above hold the
# normalised values, these the raw ones beside the story date.
TRUST_FIELDS: list[pa.Field] = [
    pa.field("sent", UTC_TS),
    pa.field("agency_raw", pa.string()),
    pa.field("pubstatus_raw", pa.string()),
    pa.field("story_date", UTC_TS),
    pa.field("story_date_source", pa.string()),
    pa.field("is_empty", pa.bool_()),
]

# Where the article came from: filled by the parse step, not by readers.
PROVENANCE_FIELDS: list[pa.Field] = [
    pa.field("source_file", pa.string(), nullable=False),
    pa.field("source_sha256", pa.string(), nullable=False),
    pa.field("item_index", pa.int32(), nullable=False),
]

LANGUAGE_FIELDS: list[pa.Field] = [
    pa.field("lang", pa.string(), nullable=False),
    pa.field("lang_prob", pa.float32()),
]

LINEAGE_FIELDS: list[pa.Field] = [
    pa.field("nlp_pipeline", pa.string()),
    pa.field("nlp_pipeline_version", pa.string()),
    pa.field("run_id", pa.string(), nullable=False),
    pa.field("ingested_at", UTC_TS, nullable=False),
    pa.field("ingest_date", pa.date32(), nullable=False),
]

# Stage schemas: what passes between steps as Parquet files.
PARSED = pa.schema(PARSED_FIELDS + PROVENANCE_FIELDS + TRUST_FIELDS)
DETECTED = pa.schema(PARSED_FIELDS + PROVENANCE_FIELDS + TRUST_FIELDS + LANGUAGE_FIELDS)
# What language detection adds to a parsed batch, one row per story (`failure`: why the
# detector failed on it, which takes the story out of the batch).
LANGUAGES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        *LANGUAGE_FIELDS,
        pa.field("failure", pa.string()),
    ]
)
# A re-enriched story's new pipeline (reprocessing: its `articles` row stays).
PIPELINES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("nlp_pipeline", pa.string()),
        pa.field("nlp_pipeline_version", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# Grain: one row per story version.
ARTICLES = pa.schema(
    PARSED_FIELDS + PROVENANCE_FIELDS + LANGUAGE_FIELDS + LINEAGE_FIELDS + TRUST_FIELDS
)

_ENRICHMENT_LINEAGE: list[pa.Field] = [
    pa.field("nlp_pipeline", pa.string()),
    pa.field("run_id", pa.string(), nullable=False),
    pa.field("ingest_date", pa.date32(), nullable=False),
]

# Grain: one row per sentence of an article part (headline or body).
SENTENCES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("part", pa.string(), nullable=False),
        pa.field("sentence_index", pa.int32(), nullable=False),
        pa.field("start_char", pa.int32(), nullable=False),
        pa.field("end_char", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        *_ENRICHMENT_LINEAGE,
    ]
)

# Grain: one row per entity mention; offsets index into the article's `headline` or `body`.
ENTITIES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("part", pa.string(), nullable=False),
        pa.field("entity_index", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("start_char", pa.int32(), nullable=False),
        pa.field("end_char", pa.int32(), nullable=False),
        pa.field("norm", pa.string()),
        pa.field("is_dateline", pa.bool_(), nullable=False),
        *_ENRICHMENT_LINEAGE,
    ]
)

# Grain: one row per direct quote.
QUOTES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("part", pa.string(), nullable=False),
        pa.field("quote_index", pa.int32(), nullable=False),
        pa.field("quote", pa.string(), nullable=False),
        pa.field("speaker", pa.string()),
        pa.field("speaker_norm", pa.string()),
        pa.field("start_char", pa.int32(), nullable=False),
        pa.field("end_char", pa.int32(), nullable=False),
        *_ENRICHMENT_LINEAGE,
    ]
)

# Grain: one row per key phrase of an article, ranked.
KEYWORDS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("rank", pa.int16(), nullable=False),
        pa.field("keyword", pa.string(), nullable=False),
        pa.field("score", pa.float32()),
        *_ENRICHMENT_LINEAGE,
    ]
)

# Grain: one row per place mention (every LOC entity, dateline places included), resolved to
# a gazetteer place or left unresolved with the reason in `method` (wirehouse.places).
PLACES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("part", pa.string(), nullable=False),
        pa.field("start_char", pa.int32(), nullable=False),
        pa.field("mention", pa.string(), nullable=False),
        pa.field("geonameid", pa.int64()),
        pa.field("name", pa.string()),
        pa.field("country_code", pa.string()),
        pa.field("admin1", pa.string()),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("feature", pa.string()),
        pa.field("confidence", pa.float32(), nullable=False),
        pa.field("method", pa.string(), nullable=False),
        *_ENRICHMENT_LINEAGE,
    ]
)

# Grain: one row per article: its MinHash over word shingles (wirehouse.clusters.signatures).
ARTICLE_SIGNATURES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("minhash", pa.binary(), nullable=False),
        pa.field("shingles", pa.int32(), nullable=False),
        *_ENRICHMENT_LINEAGE,
    ]
)

# Grain: one row per article in a story cluster (warehouse only: assigned after the load).
STORY_CLUSTERS = pa.schema(
    [
        pa.field("cluster_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("similarity", pa.float32(), nullable=False),
        pa.field("first_seen", UTC_TS, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# Grain: one row per item inside a wire file that was deliberately not loaded as an article.
SKIPPED_ITEMS = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_sha256", pa.string(), nullable=False),
        pa.field("item_index", pa.int32(), nullable=False),
        pa.field("guid", pa.string()),
        pa.field("item_type", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# Grain: one row per file outcome in a batch (parse step's verdict, before load).
FILE_OUTCOMES = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("format", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("articles", pa.int32(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# Tables written to the lake and loaded into DuckDB, keyed by name.
LAKE_TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "entities": ENTITIES,
    "quotes": QUOTES,
    "keywords": KEYWORDS,
    "places": PLACES,
    "article_signatures": ARTICLE_SIGNATURES,
}
