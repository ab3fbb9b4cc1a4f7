"""Who may read and change the legal rules and the municipality's policy. The only door to these pages."""

from django.http import Http404

from insteg.accounts.models import Organisation, Role


def can_read_rules(user) -> bool:
    """The rule tables are working material for the people who design procurements and keep the rules."""
    return user.is_authenticated and (user.is_administrator or user.has_role(Role.PROCUREMENT_OFFICER))


def can_edit_rules(user) -> bool:
    return user.is_authenticated and user.is_administrator


def policy_organisation_for(user) -> Organisation:
    """The municipality whose policy the administrator keeps: their own (404 if they have none)."""
    organisation = user.organisation
    if organisation is None or organisation.kind != Organisation.Kind.MUNICIPALITY:
        raise Http404
    return organisation
