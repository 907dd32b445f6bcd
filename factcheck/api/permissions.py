from rest_framework.permissions import SAFE_METHODS, BasePermission

from partners.models import ApiKey


class ReadOnlyOrModelPermission(BasePermission):
    """Anyone reads. Writes need a signed-in user (never an API key) with the view's model permissions.

    A view lists, per action, the permissions a write needs (`write_permissions`); an action it
    does not list is refused, so a new endpoint is read-only until someone decides otherwise.
    """

    message = "You need to sign in with an account that may change this."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if isinstance(request.auth, ApiKey):
            self.message = "API keys are read-only: partners cannot change data."
            return False
        if not (request.user and request.user.is_authenticated):
            return False
        needed = getattr(view, "write_permissions", {}).get(getattr(view, "action", None))
        if needed is None:
            self.message = "This endpoint is read-only."
            return False
        if not request.user.has_perms(needed):
            self.message = "Your account lacks the permission for this change: ask an editor."
            return False
        return True
