import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_a_reviewer_researches_but_cannot_publish_or_delete_claims(reviewer):
    assert reviewer.has_perm("claims.add_claim")
    assert reviewer.has_perm("claims.change_verdict")
    assert reviewer.has_perm("claims.add_evidence")
    assert reviewer.has_perm("sources.add_source")
    assert not reviewer.has_perm("claims.publish_claim")
    assert not reviewer.has_perm("claims.retract_claim")
    assert not reviewer.has_perm("claims.delete_claim")
    assert not reviewer.has_perm("claims.change_rating")
    assert not reviewer.has_perm("auth.change_user")


def test_an_editor_also_publishes_retracts_and_manages_the_scale(editor):
    for perm in ("claims.publish_claim", "claims.retract_claim", "claims.delete_claim", "claims.change_rating"):
        assert editor.has_perm(perm)
    assert editor.has_perm("partners.add_partner")
    assert not editor.has_perm("auth.change_user")


def test_the_editor_group_holds_every_reviewer_permission():
    reviewer = set(Group.objects.get(name="Reviewer").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert reviewer < editor


def test_a_reader_has_no_staff_permissions(reader):
    assert not reader.has_perm("claims.view_claim")
