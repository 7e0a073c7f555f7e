-- The latest version of each story (ties broken by the latest version timestamp, then id).
CREATE OR REPLACE VIEW articles_current AS
SELECT *
FROM articles
QUALIFY row_number() OVER (
    PARTITION BY story_id
    ORDER BY coalesce(version, 1) DESC, version_created DESC NULLS LAST, article_id DESC
) = 1;
