"""Nothing lost, nothing overwritten: every change is in the history, browsable, comparable, revertible."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import ClaimStatus
from tests.claims.test_workflow_admin import admin_form_data
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, published_claim

pytestmark = pytest.mark.django_db


def history_url(obj, name="history", *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk, *args])


def test_service_writes_record_who_made_them(reviewer, editor):
    claim = ClaimFactory(text="First wording.")
    services.claim_update(claim=claim, user=reviewer, text="Second wording.")
    services.claim_start_research(claim=claim, user=editor)
    records = list(claim.history.order_by("history_date"))
    assert [r.text for r in records] == ["First wording.", "Second wording.", "Second wording."]
    assert [r.history_user for r in records[1:]] == [reviewer, editor]


def test_the_history_page_lists_each_version_with_its_changes(reviewer_client, reviewer):
    claim = ClaimFactory(text="First wording of the claim.")
    services.claim_update(claim=claim, user=reviewer, text="Second wording of the claim.")
    page = reviewer_client.get(history_url(claim)).content.decode()
    assert "reviewer" in page
    assert "Second wording of the claim." in page
    assert "Compare" in page  # the compare form over the list


def test_two_versions_are_compared_field_by_field_with_a_word_diff(reviewer_client, reviewer):
    claim = ClaimFactory(text="The minister said the bridge cost 40 million euros in total.", language="en")
    first = claim.history.latest()
    services.claim_update(
        claim=claim, user=reviewer, text="The minister said the bridge cost 45 million euros in total."
    )
    services.claim_update(claim=claim, user=reviewer, language="de")
    last = claim.history.latest()
    page = reviewer_client.get(
        history_url(claim, "history_compare"), {"from": first.history_id, "to": last.history_id}
    ).content.decode()
    assert "<del>40</del><ins>45</ins>" in page
    assert "<del>en</del>" in page and "<ins>de</ins>" in page
    # Without a choice it shows the latest change.
    page = reviewer_client.get(history_url(claim, "history_compare")).content.decode()
    assert "<ins>de</ins>" in page and "45" not in page.split('id="history-diff"')[1]


def test_a_revert_restores_the_old_version_and_is_itself_recorded(reviewer_client, reviewer, editor):
    claim = ClaimFactory(text="The original wording.")
    original = claim.history.latest()
    services.claim_update(claim=claim, user=editor, text="A bad rewording.")
    revert_url = history_url(claim, "simple_history", original.history_id)
    data = admin_form_data(reviewer_client.get(revert_url))
    assert data["text"] == "The original wording."
    response = reviewer_client.post(revert_url, data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "The original wording."
    assert claim.history.count() == 3
    latest = claim.history.latest()
    assert latest.history_user == reviewer
    assert latest.history_change_reason.startswith("Reverted to the version of")


def test_a_revert_cannot_rewrite_a_published_claim(editor_client, editor):
    claim = ClaimFactory(text="Draft wording.")
    draft_version = claim.history.latest()
    claim = services.claim_update(claim=claim, user=editor, text="Published wording.")
    claim.status = ClaimStatus.PUBLISHED
    claim.save()
    revert_url = history_url(claim, "simple_history", draft_version.history_id)
    data = admin_form_data(editor_client.get(revert_url))
    response = editor_client.post(revert_url, data, follow=True)
    assert "of a published claim cannot change" in response.content.decode()
    claim.refresh_from_db()
    assert claim.text == "Published wording."


def test_reverting_a_published_verdict_is_a_correction_and_needs_its_note(editor_client, editor):
    claim = published_claim()
    verdict = claim.verdict
    before = verdict.history.latest()
    services.verdict_update(verdict=verdict, user=editor, summary="Mostly wrong.", correction_note="Recount.")
    revert_url = history_url(verdict, "simple_history", before.history_id)
    data = admin_form_data(editor_client.get(revert_url))
    response = editor_client.post(revert_url, data)
    assert response.status_code == 200
    assert "give a correction note" in response.content.decode()
    data["correction_note"] = "The recount was wrong; back to the first verdict."
    assert editor_client.post(revert_url, data).status_code == 302
    verdict.refresh_from_db()
    assert verdict.summary == before.summary
    assert claim.corrections.count() == 2


def test_a_stale_revert_form_is_refused(reviewer_client, reviewer, editor):
    claim = ClaimFactory(text="One.")
    first = claim.history.latest()
    services.claim_update(claim=claim, user=reviewer, text="Two.")
    revert_url = history_url(claim, "simple_history", first.history_id)
    data = admin_form_data(reviewer_client.get(revert_url))
    services.claim_update(claim=claim, user=editor, text="Three.")
    response = reviewer_client.post(revert_url, data)
    assert response.status_code == 200
    assert "was changed after you opened it" in response.content.decode()
    claim.refresh_from_db()
    assert claim.text == "Three."


@pytest.mark.parametrize("factory", [ArticleFactory, SourceFactory], ids=["article", "source"])
def test_articles_and_sources_can_be_compared_too(editor_client, factory):
    obj = factory()
    first = obj.history.latest()
    obj.title = obj.name = "Renamed for the test"
    obj.save()
    page = editor_client.get(history_url(obj, "history_compare"), {"from": first.history_id})
    assert page.status_code == 200
    assert "Renamed for the test" in page.content.decode()


def test_a_reader_cannot_browse_history(reader_client):
    claim = ClaimFactory()
    assert reader_client.get(history_url(claim)).status_code == 302  # to the admin login
    assert reader_client.get(history_url(claim, "history_compare")).status_code == 302


def test_a_verdict_comparison_names_the_ratings_not_their_ids(editor_client, editor):
    from claims.models import Rating

    claim = published_claim()
    services.verdict_update(
        verdict=claim.verdict, user=editor, rating=Rating.objects.get(slug="half-true"), correction_note="Recount."
    )
    page = editor_client.get(history_url(claim.verdict, "history_compare")).content.decode()
    assert "<del>False</del>" in page and "<ins>Half true</ins>" in page
