"""A trigram GIN index on the claims' text (PostgreSQL only), so duplicate matching does not read
every claim: intake.matching filters with pg_trgm's `%` operator, which this index serves.

The index is on claims_claim but belongs to the intake feature; like claims/0003's search vector it
is not on the Django model, and SQLite skips it.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS intake_claim_text_trgm ON claims_claim USING gin (text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS intake_claim_text_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_pg_trgm_and_rating_mappings"),
        ("claims", "0003_claim_search_vector"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
