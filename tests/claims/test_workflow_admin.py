"""The workflow in the admin: buttons for those allowed, confirmations, locking, corrections, my work."""

import lxml.html
import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Correction, StatusChange
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    TagFactory,
    UserFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


def admin_form_data(response, form_id=None) -> dict:
    """The values a browser would post back from the rendered admin form, inlines and management forms."""
    doc = lxml.html.fromstring(response.content.decode())
    form = next(f for f in doc.forms if form_id is None or f.get("id") == form_id) if form_id else doc.forms[-1]
    data = {}
    for name, value in form.form_values():
        if "__prefix__" in name or "-empty-" in name:
            continue
        if value.startswith("\n"):  # browsers drop the newline Django writes after <textarea>
            value = value[1:]
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def transition_url(claim, name):
    return reverse("admin:claims_claim_transition", args=[claim.pk, name])


def ready_claim(status=ClaimStatus.IN_REVIEW, writer=None):
    claim = ClaimFactory(status=status)
    EvidenceFactory(verdict=VerdictFactory(claim=claim, reviewer=writer))
    AppearanceFactory(claim=claim)
    return claim


def buttons(client, claim):
    doc = lxml.html.fromstring(client.get(change_url(claim)).content.decode())
    return sorted(a.get("data-action") for a in doc.xpath("//a[contains(@class, 'fc-workflow-action')]"))


# --- Buttons and confirmations ---


def test_each_role_sees_only_the_buttons_it_may_use(reviewer_client, editor_client, reviewer, second_editor):
    draft = ready_claim(ClaimStatus.DRAFT, writer=reviewer)
    assert buttons(reviewer_client, draft) == ["start_research", "submit_for_review"]
    in_review = ready_claim(ClaimStatus.IN_REVIEW, writer=reviewer)
    assert buttons(reviewer_client, in_review) == []
    assert buttons(editor_client, in_review) == ["publish", "request_changes"]
    published = published_claim()
    assert buttons(reviewer_client, published) == []
    assert buttons(editor_client, published) == ["retract"]


def test_an_editor_sees_no_publish_button_on_a_verdict_they_wrote(editor_client, editor):
    claim = ready_claim(writer=editor)
    assert buttons(editor_client, claim) == ["request_changes"]
    assert editor_client.get(transition_url(claim, "publish")).status_code == 403


def test_a_transition_asks_for_confirmation_then_records_the_note(reviewer_client, reviewer):
    claim = ready_claim(ClaimStatus.IN_RESEARCH, writer=reviewer)
    page = reviewer_client.get(transition_url(claim, "submit_for_review"))
    assert page.status_code == 200
    assert "Submit for review" in page.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_RESEARCH  # a GET changes nothing
    response = reviewer_client.post(transition_url(claim, "submit_for_review"), {"note": "Ready for a look."})
    assert response.status_code == 302
    change = StatusChange.objects.filter(claim=claim).latest("id")
    assert (change.to_status, change.user, change.note) == (ClaimStatus.IN_REVIEW, reviewer, "Ready for a look.")


def test_the_note_is_optional_for_publishing(editor_client):
    claim = ready_claim()
    assert editor_client.post(transition_url(claim, "publish"), {"note": ""}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED


@pytest.mark.parametrize("name", ["publish", "request_changes"])
def test_a_reviewer_cannot_open_an_editors_transition(reviewer_client, name):
    claim = ready_claim()
    assert reviewer_client.get(transition_url(claim, name)).status_code == 403
    assert reviewer_client.post(transition_url(claim, name), {"note": "x"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


def test_requesting_changes_without_a_note_is_a_form_error(editor_client):
    claim = ready_claim()
    response = editor_client.post(transition_url(claim, "request_changes"), {"note": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


def test_the_publish_confirmation_lists_what_is_missing_and_publishing_is_refused(editor_client):
    claim = ready_claim()
    claim.verdict.evidence.all().delete()
    page = editor_client.get(transition_url(claim, "publish")).content.decode()
    assert "at least one evidence item" in page
    response = editor_client.post(transition_url(claim, "publish"), {"note": ""})
    assert response.status_code == 200
    assert "Before publishing, add at least one evidence item." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


def test_an_anonymous_visitor_cannot_reach_a_transition(client):
    claim = ready_claim()
    response = client.post(transition_url(claim, "publish"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- Saving through the services ---


def test_a_claim_added_in_the_admin_starts_its_workflow_log(reviewer_client, reviewer):
    response = reviewer_client.get(reverse("admin:claims_claim_add"))
    data = admin_form_data(response)
    tag = TagFactory(name="Budget")
    data.update(
        {"text": "The bridge cost 40 million euros.", "slug": "bridge-cost", "language": "en", "tags": [tag.pk]}
    )
    response = reviewer_client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get(slug="bridge-cost")
    assert list(claim.tags.all()) == [tag]
    assert claim.reviewer == reviewer
    assert claim.status_changes.get().to_status == ClaimStatus.DRAFT


def test_a_stale_admin_save_is_refused_with_who_changed_what(reviewer_client, editor_client, editor):
    claim = ready_claim(ClaimStatus.IN_RESEARCH)
    reviewer_form = admin_form_data(reviewer_client.get(change_url(claim)))
    editor_form = admin_form_data(editor_client.get(change_url(claim)))
    editor_form["text"] = "The editor's wording of the claim."
    assert editor_client.post(change_url(claim), editor_form).status_code == 302
    reviewer_form["text"] = "The reviewer's wording of the claim."
    response = reviewer_client.post(change_url(claim), reviewer_form)
    assert response.status_code == 200
    content = response.content.decode()
    assert "was changed after you opened it" in content
    assert "editor" in content and "text" in content
    claim.refresh_from_db()
    assert claim.text == "The editor's wording of the claim."


def test_a_stale_verdict_in_the_claim_form_is_refused(reviewer_client, editor_client):
    claim = ready_claim(ClaimStatus.IN_RESEARCH)
    reviewer_form = admin_form_data(reviewer_client.get(change_url(claim)))
    editor_form = admin_form_data(editor_client.get(change_url(claim)))
    editor_form["verdict-0-summary"] = "The editor's summary."
    assert editor_client.post(change_url(claim), editor_form).status_code == 302
    reviewer_form["verdict-0-summary"] = "The reviewer's summary."
    response = reviewer_client.post(change_url(claim), reviewer_form)
    assert response.status_code == 200
    assert "This verdict was changed after you opened it" in response.content.decode()
    claim.verdict.refresh_from_db()
    assert claim.verdict.summary == "The editor's summary."


def test_saving_the_claim_form_unchanged_changes_no_version(reviewer_client):
    claim = ready_claim(ClaimStatus.IN_RESEARCH)
    data = admin_form_data(reviewer_client.get(change_url(claim)))
    assert reviewer_client.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    claim.verdict.refresh_from_db()
    assert (claim.version, claim.verdict.version) == (1, 1)


def test_a_verdict_and_evidence_written_in_the_claim_form_go_through_the_services(reviewer_client, reviewer):
    claim = ClaimFactory(status=ClaimStatus.IN_RESEARCH)
    data = admin_form_data(reviewer_client.get(change_url(claim)))
    data.update(
        {
            "verdict-TOTAL_FORMS": "1",
            "verdict-0-rating": str(__import__("claims.models").models.Rating.objects.get(slug="false").pk),
            "verdict-0-summary": "Wrong.",
            "verdict-0-explanation": "Because.",
            "verdict-0-evidence-TOTAL_FORMS": "1",
            "verdict-0-evidence-INITIAL_FORMS": "0",
            "verdict-0-evidence-0-stance": "refutes",
            "verdict-0-evidence-0-url": "https://audit.example/report",
            "verdict-0-evidence-0-title": "Audit",
            "verdict-0-evidence-0-position": "0",
        }
    )
    response = reviewer_client.post(change_url(claim), data)
    assert response.status_code == 302, response.content.decode()[:5000]
    claim.refresh_from_db()
    assert claim.verdict.summary == "Wrong."
    assert claim.verdict.reviewer == reviewer  # the writer, for the four-eyes rule
    assert claim.verdict.evidence.get().url == "https://audit.example/report"


def test_changing_a_published_verdict_in_the_admin_needs_a_correction_note(editor_client, editor):
    claim = published_claim()
    data = admin_form_data(editor_client.get(change_url(claim)))
    data["verdict-0-summary"] = "The figure is roughly right."
    response = editor_client.post(change_url(claim), data)
    assert response.status_code == 200
    assert "give a correction note" in response.content.decode()
    assert not Correction.objects.exists()
    data["verdict-0-correction_note"] = "We misread the audit table."
    response = editor_client.post(change_url(claim), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CORRECTED
    assert claim.corrections.get().note == "We misread the audit table."


def test_a_minor_fix_in_the_admin_stays_out_of_the_public_log(editor_client):
    claim = published_claim()
    data = admin_form_data(editor_client.get(change_url(claim)))
    data.update(
        {"verdict-0-summary": "The figure is wrong!", "verdict-0-correction_note": "Typo", "verdict-0-minor": "on"}
    )
    assert editor_client.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.corrections.get().minor


def test_the_wording_of_a_published_claim_is_read_only_in_the_admin(editor_client):
    claim = published_claim()
    data = admin_form_data(editor_client.get(change_url(claim)))
    assert "text" not in data and "slug" not in data
    data["text"] = "Sneaked-in wording."
    assert editor_client.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert claim.text != "Sneaked-in wording."


def test_a_reviewer_sees_a_published_verdict_but_cannot_change_it(reviewer_client):
    claim = published_claim()
    data = admin_form_data(reviewer_client.get(change_url(claim)))
    assert "verdict-0-summary" not in data


def test_a_retracted_claim_is_view_only(editor_client, editor):
    from claims import services

    claim = services.claim_retract(claim=published_claim(), editor=editor, reason="Forged document.")
    page = editor_client.get(change_url(claim)).content.decode()
    assert "Forged document." in page
    assert 'name="_save"' not in page
    assert editor_client.post(change_url(claim), {"language": "de"}).status_code == 403


# --- Deleting ---


def test_a_published_claim_cannot_be_deleted_from_the_admin(editor_client):
    claim = published_claim()
    assert editor_client.get(reverse("admin:claims_claim_delete", args=[claim.pk])).status_code == 403
    assert editor_client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}).status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_an_editor_may_delete_a_draft_but_no_bulk_delete_is_offered(editor_client):
    claim = ClaimFactory()
    changelist = editor_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert "delete_selected" not in changelist
    response = editor_client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_a_published_verdict_cannot_be_deleted(editor_client):
    claim = published_claim()
    assert editor_client.get(reverse("admin:claims_verdict_delete", args=[claim.verdict.pk])).status_code == 403


# --- My work and bulk actions ---


def test_my_work_shows_what_is_assigned_to_me_and_awaits_my_review(reviewer_client, editor_client, reviewer, editor):
    mine = ClaimFactory(status=ClaimStatus.IN_RESEARCH, reviewer=reviewer, text="Mine to research.")
    ClaimFactory(status=ClaimStatus.IN_RESEARCH, text="Nobody's yet.")
    to_review = ready_claim(writer=reviewer)
    to_review.text = "Waiting for an editor."
    to_review.save()
    own = ready_claim(writer=editor)
    own.text = "Written by the editor."
    own.save()
    url = reverse("admin:claims_claim_changelist")
    listed = reviewer_client.get(url, {"mine": "assigned"}).content.decode()
    assert mine.text in listed and "Nobody's yet." not in listed
    listed = editor_client.get(url, {"mine": "review"}).content.decode()
    assert "Waiting for an editor." in listed
    assert "Written by the editor." not in listed and mine.text not in listed


def test_sent_back_to_me_lists_claims_an_editor_returned(reviewer_client, reviewer, editor):
    from claims import services

    claim = ready_claim(writer=reviewer)
    claim.reviewer = reviewer
    claim.save()
    services.claim_request_changes(claim=claim, editor=editor, note="Add the ministry's answer.")
    listed = reviewer_client.get(reverse("admin:claims_claim_changelist"), {"mine": "returned"}).content.decode()
    assert claim.text in listed


def test_taking_claims_in_bulk_skips_those_assigned_to_someone_else(reviewer_client, reviewer):
    free = ClaimFactory()
    taken = ClaimFactory(reviewer=UserFactory(username="someone", group="Reviewer"))
    response = reviewer_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "take_claims", "_selected_action": [free.pk, taken.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 claims assigned to you." in content
    assert "you can only take a free claim" in content
    free.refresh_from_db()
    taken.refresh_from_db()
    assert free.reviewer == reviewer and taken.reviewer.username == "someone"


def test_starting_research_in_bulk_moves_only_drafts(reviewer_client):
    draft, in_review = ClaimFactory(), ready_claim()
    reviewer_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "start_research", "_selected_action": [draft.pk, in_review.pk]},
    )
    draft.refresh_from_db()
    in_review.refresh_from_db()
    assert (draft.status, in_review.status) == (ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW)


def test_the_claim_page_shows_the_workflow_log(editor_client, editor):
    from claims import services

    claim = ready_claim()
    services.claim_request_changes(claim=claim, editor=editor, note="Check the 2019 figure.")
    assert "Check the 2019 figure." in editor_client.get(change_url(claim)).content.decode()


# --- Query counts ---


def _count_queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"mine": "review"}, {"mine": "assigned"}], ids=["all", "review", "assigned"])
def test_the_claim_list_costs_the_same_queries_for_one_claim_or_many(editor_client, editor, reviewer, params):
    # session, user, user permissions, group permissions; filter choices: ratings, publishers, tags;
    # the filtered and the total count; the page of claims with verdict, rating, reviewer and editor
    # joined; the date hierarchy's bounds and years; the language filter's values.
    url = reverse("admin:claims_claim_changelist")
    editor_client.get(url)  # warm the content-type cache

    def assigned_claim():
        claim = ready_claim(writer=reviewer)
        claim.reviewer, claim.editor = reviewer, editor
        claim.save()

    assigned_claim()
    one = _count_queries(editor_client, url, params)
    for _ in range(6):
        assigned_claim()
    many = _count_queries(editor_client, url, params)
    assert "7 claims" in editor_client.get(url, params).content.decode()  # every row is listed
    assert many == one


def test_the_webhook_delivery_log_costs_the_same_queries_for_one_delivery_or_many(editor_client):
    from partners.models import Partner
    from webhooks.models import WebhookSubscription
    from webhooks.services import webhook_deliveries_create

    partner = Partner.objects.create(name="P", contact_email="p@p.example")
    WebhookSubscription.objects.create(partner=partner, url="https://p.example/a", events=["published"])
    url = reverse("admin:webhooks_webhookdelivery_changelist")
    editor_client.get(url)
    # session, user, user and group permissions; the partner filter's choices; the filtered and total
    # count; the page with subscription, partner and claim joined; the date hierarchy's bounds and years.
    webhook_deliveries_create(event="published", claim=published_claim())
    one = _count_queries(editor_client, url, {})
    WebhookSubscription.objects.create(partner=partner, url="https://p.example/b", events=["published"])
    for _ in range(3):
        webhook_deliveries_create(event="published", claim=published_claim())
    assert _count_queries(editor_client, url, {}) == one


def test_the_admin_home_links_to_my_work(reviewer_client, editor_client):
    reviewer_home = reviewer_client.get(reverse("admin:index")).content.decode()
    assert "?mine=assigned" in reviewer_home and "?mine=review" not in reviewer_home
    assert "?mine=review" in editor_client.get(reverse("admin:index")).content.decode()
