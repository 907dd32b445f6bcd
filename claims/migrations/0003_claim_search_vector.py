"""Full-text search on PostgreSQL: a generated tsvector column with a GIN index.

The column is not on the Django model (SQLite has no tsvector); claims.search reads it through
SQL expressions on PostgreSQL and falls back to a LIKE search elsewhere.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE claims_claim ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, ''))) STORED;
CREATE INDEX claims_claim_search_vector_gin ON claims_claim USING GIN (search_vector);
"""
BACKWARD = """
DROP INDEX IF EXISTS claims_claim_search_vector_gin;
ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_rating_scale_and_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
