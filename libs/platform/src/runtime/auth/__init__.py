"""Who is calling and what they may do: tokens, principals and the one shared policy."""
from runtime.auth.matrix import ACTIONS, MATRIX, Action, Condition, Scope
from runtime.auth.policy import POLICY, DossierRef, Forbidden, Policy, authorize, is_allowed
from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, Unauthenticated, jwks_document

__all__ = [
    "ACTIONS", "MATRIX", "Action", "Condition", "Scope", "is_allowed", "POLICY", "ApiKeyScope", "ClientProfile", "DossierRef", "Forbidden", "Policy", "Principal", "PrincipalKind",
    "Role", "TokenIssuer", "TokenVerifier", "Unauthenticated", "authorize", "jwks_document",
]
