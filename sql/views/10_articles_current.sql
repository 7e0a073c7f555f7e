-- The latest version of each story that is still to be used: a story whose latest version
-- is canceled or withdrawn (a kill) leaves this view and stays in `articles` with its status.
-- Ties between versions are broken by the latest version timestamp, then id.
-- Formats without story ids (ANPA 1312, IPTC 7901) name the killed story by its slugline:
-- a kill with the same format, agency and slugline, sent at or after a version, kills it.
CREATE OR REPLACE VIEW articles_current AS
WITH latest AS (
    SELECT *
    FROM articles
    QUALIFY row_number() OVER (
        PARTITION BY story_id
        ORDER BY coalesce(version, 1) DESC, version_created DESC NULLS LAST, article_id DESC
    ) = 1
),

kills_by_slugline AS (
    SELECT
        format,
        agency,
        slugline,
        max(coalesce(version_created, ingested_at)) AS killed_at
    FROM articles
    WHERE
        guid IS NULL
        AND slugline IS NOT NULL
        AND pubstatus IN ('canceled', 'withdrawn')
    GROUP BY format, agency, slugline
)

SELECT l.*
FROM latest AS l
WHERE
    coalesce(l.pubstatus, 'usable') NOT IN ('canceled', 'withdrawn')
    AND NOT EXISTS (
        SELECT 1
        FROM kills_by_slugline AS k
        WHERE
            l.guid IS NULL
            AND k.format = l.format
            AND k.agency IS NOT DISTINCT FROM l.agency
            AND k.slugline = l.slugline
            AND k.killed_at >= coalesce(l.version_created, l.ingested_at)
    );
