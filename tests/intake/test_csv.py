import pytest
import tablib
from django.urls import reverse

from claims.models import Claim, StatusChange
from intake.csv_io import ClaimExportResource, ClaimImportResource
from tests.factories import AttributionFactory, ClaimFactory, SourceFactory, TagFactory, published_claim


def _csv(rows: list[dict]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append(list(row.values()))
    return dataset


def test_the_export_has_one_row_per_claim_with_its_verdict(db):
    claim = published_claim(text="The bridge cost 40 million euros.")
    claim.tags.add(TagFactory(name="Budget"))
    AttributionFactory(claim=claim, source=SourceFactory(name="Maria Lopez"), role="made")

    dataset = ClaimExportResource().export(queryset=Claim.objects.all())

    (row,) = dataset.dict
    assert row["text"] == "The bridge cost 40 million euros."
    assert (row["rating"], row["summary"], row["tags"]) == ("False", "The figure is wrong.", "Budget")
    assert "Maria Lopez" in row["claimants"]


def test_the_export_of_a_claim_without_verdict_leaves_the_verdict_columns_empty(db):
    ClaimFactory()

    (row,) = ClaimExportResource().export(queryset=Claim.objects.all()).dict

    assert (row["rating"], row["summary"]) == ("", "")


def test_a_dry_run_previews_the_import_without_writing(db):
    dataset = _csv([{"slug": "bridge-cost", "text": "The bridge cost 40 million euros.", "claim_date": "2025-07-04",
                     "language": "en", "tags": "Budget, Transport"}])  # fmt: skip

    result = ClaimImportResource().import_data(dataset, dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["new"]
    assert Claim.objects.count() == 0


def test_the_import_creates_draft_claims_through_the_service(db, reviewer):
    dataset = _csv([{"slug": "bridge-cost", "text": "The bridge cost 40 million euros.", "claim_date": "2025-07-04",
                     "language": "en", "tags": "Budget; Transport"}])  # fmt: skip

    result = ClaimImportResource().import_data(dataset, dry_run=False, user=reviewer)

    assert not result.has_errors() and not result.has_validation_errors()
    claim = Claim.objects.get()
    assert (claim.slug, claim.status, claim.reviewer) == ("bridge-cost", "draft", reviewer)
    assert sorted(t.name for t in claim.tags.all()) == ["Budget", "Transport"]
    assert StatusChange.objects.filter(claim=claim, to_status="draft").exists()


def test_a_bad_row_is_reported_with_its_field_and_nothing_is_imported(db):
    ClaimFactory(slug="taken")
    dataset = _csv([
        {"slug": "fine", "text": "A fine claim.", "claim_date": "", "language": "en", "tags": ""},
        {"slug": "taken", "text": "A clashing claim.", "claim_date": "", "language": "en", "tags": ""},
        {"slug": "empty", "text": "", "claim_date": "", "language": "en", "tags": ""},
    ])  # fmt: skip

    result = ClaimImportResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)

    invalid = {row.number: row.error.message_dict for row in result.invalid_rows}
    assert set(invalid) == {2, 3}
    assert "exists already" in invalid[2]["slug"][0]
    assert "empty" in invalid[3]["text"][0]
    assert Claim.objects.count() == 1


def test_an_export_imports_back_as_the_same_claims(db):
    ClaimFactory(slug="one", text="The first claim.", language="en")
    ClaimFactory(slug="two", text="The second claim.", language="fr")
    exported = ClaimExportResource().export(queryset=Claim.objects.order_by("slug"))
    Claim.objects.all().delete()

    ClaimImportResource().import_data(exported, dry_run=False)

    assert list(Claim.objects.order_by("slug").values_list("slug", "text", "language")) == [
        ("one", "The first claim.", "en"),
        ("two", "The second claim.", "fr"),
    ]


# -- through the admin (the mixin on a throwaway admin site) ---------------------------------------


@pytest.mark.urls("tests.intake.csv_admin_urls")
def test_the_admin_export_is_filtered_like_the_list(admin_client):
    ClaimFactory(text="A French claim.", language="fr")
    ClaimFactory(text="An English claim.", language="en")
    from tests.intake.csv_admin_urls import CSVClaimAdmin, site

    formats = CSVClaimAdmin(Claim, site).get_export_formats()
    csv_index = next(i for i, f in enumerate(formats) if f().get_title() == "csv")

    response = admin_client.post(
        reverse("csvadmin:claims_claim_export") + "?language__exact=fr",
        {
            "format": csv_index,
            "resource": 0,
            **{f"claimexportresource_{c}": "on" for c in ("slug", "text", "language")},
        },
    )

    body = response.content.decode()
    assert response.status_code == 200, body[:500]
    assert "A French claim." in body
    assert "An English claim." not in body


@pytest.mark.urls("tests.intake.csv_admin_urls")
def test_the_admin_import_previews_then_imports_on_confirmation(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.intake.csv_admin_urls import CSVClaimAdmin, site

    formats = CSVClaimAdmin(Claim, site).get_import_formats()
    csv_index = next(i for i, f in enumerate(formats) if f().get_title() == "csv")
    upload = SimpleUploadedFile(
        "claims.csv", b"slug,text,claim_date,language,tags\nbridge,The bridge cost 40 million euros.,,en,Budget\n"
    )

    preview = admin_client.post(reverse("csvadmin:claims_claim_import"), {"import_file": upload, "format": csv_index})

    assert preview.status_code == 200
    assert "The bridge cost 40 million euros." in preview.content.decode()
    assert Claim.objects.count() == 0  # a preview writes nothing
    confirm = preview.context["confirm_form"].initial
    admin_client.post(reverse("csvadmin:claims_claim_process_import"), confirm)
    assert Claim.objects.get().slug == "bridge"


def test_the_claims_admin_offers_csv_export_filtered_like_its_list(editor_client):
    ClaimFactory(text="A French claim.", language="fr")
    ClaimFactory(text="An English claim.", language="en")
    from django.contrib import admin

    from claims.admin import ClaimAdmin

    formats = ClaimAdmin(Claim, admin.site).get_export_formats()
    csv_index = next(i for i, f in enumerate(formats) if f().get_title() == "csv")

    listing = editor_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    response = editor_client.post(
        reverse("admin:claims_claim_export") + "?language__exact=fr",
        {"format": csv_index, "resource": 0, **{f"claimexportresource_{c}": "on" for c in ("slug", "text")}},
    )

    assert reverse("admin:claims_claim_export") in listing
    assert reverse("admin:claims_claim_import") in listing
    assert "A French claim." in response.content.decode()
    assert "An English claim." not in response.content.decode()
