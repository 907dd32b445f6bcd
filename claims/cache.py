"""The public-state token now lives in factcheck.publicstate, so that sources can bump it too.

Re-exported here for the modules that import it from claims.
"""

from factcheck.publicstate import KEY, public_last_modified, public_state_changed, public_state_token

__all__ = ["KEY", "public_last_modified", "public_state_changed", "public_state_token"]
