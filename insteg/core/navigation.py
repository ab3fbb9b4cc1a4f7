"""What each role sees in the navigation and on its start page: one place, data not templates."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insteg.accounts import access
from insteg.accounts.models import Role
from insteg.core import access as core_access
from insteg.followup import access as followup_access
from insteg.procurement import access as procurement_access
from insteg.reports import access as reports_access
from insteg.rules import access as rules_access
from insteg.training import access as training_access


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    allowed: object = field(default=lambda user: True)

    def url(self) -> str:
        return reverse(self.url_name)


def _works_with_contracts(user) -> bool:
    return user.has_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR, Role.MATCHING_OFFICER, Role.SUPPLIER_CONTACT)


def _works_with_participants(user) -> bool:
    return user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER)


def _matches(user) -> bool:
    return user.has_role(Role.MATCHING_OFFICER)


def _sees_placements(user) -> bool:
    return user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER, Role.SUPPLIER_CONTACT)


def _takes_the_training(user) -> bool:
    return not training_access.can_organise(user)


MAIN_NAVIGATION = [
    Link(_("Start"), "core:home"),
    Link(_("Procurements"), "procurement:list"),
    Link(_("Notices"), "notices:list"),
    Link(_("Contracts"), "contracts:list", _works_with_contracts),
    Link(_("Positions"), "contracts:positions", _works_with_contracts),
    Link(_("Participants"), "matching:participants", _works_with_participants),
    Link(_("Matching"), "matching:optimal", _matches),
    Link(_("Placements"), "matching:placements", _sees_placements),
    Link(_("Follow-up"), "followup:due", _matches),
    Link(_("Reports"), "reports:dashboard", reports_access.can_read_reports),
    Link(_("Supervisor training"), "training:manage", training_access.can_organise),
    Link(_("Supervisor training"), "training:sessions", _takes_the_training),
    Link(_("Criteria library"), "procurement:criterion_list", procurement_access.can_view_criteria),
    Link(_("Legal rules"), "rules:overview", rules_access.can_read_rules),
    Link(_("Follow-up rules"), "followup:rules", followup_access.can_edit_rules),
    Link(_("Organisations"), "accounts:organisation_list", access.can_list_organisations),
    Link(_("Accessibility reports"), "core:feedback_list", core_access.can_manage_feedback),
    Link(_("Data protection"), "privacy:overview", access.can_supervise_privacy),
    Link(_("API tokens"), "accounts:tokens"),
]


@dataclass(frozen=True)
class RoleGuide:
    """A role's start page: who they are here and the steps of the process that are theirs."""

    intro: str
    tasks: list[str]


ROLE_GUIDES = {
    Role.PROCUREMENT_OFFICER: RoleGuide(
        _(
            "You design procurements and write social requirements into them, always in proportion to the "
            "procurement's size."
        ),
        [
            _("Design a procurement and choose social requirements from the criteria library."),
            _("Get a proportionate suggestion for internships and supported jobs, decide and justify it."),
            _("Publish the procurement and answer suppliers' questions, to all suppliers at once."),
            _("Follow up that contracts keep their social commitments."),
        ],
    ),
    Role.MATCHING_OFFICER: RoleGuide(
        _(
            "You match the right person to the right place after a contract is signed, together with "
            "Arbetsförmedlingen."
        ),
        [
            _("See the placement positions that suppliers offer under their contracts."),
            _("Match referred participants with positions and start placements."),
            _("Arrange supervisor training for the companies that take people."),
            _("Follow up every placement and help when situations arise."),
        ],
    ),
    Role.ADMINISTRATOR: RoleGuide(
        _("You run Insteg for the municipality: organisations, people, rules and the protection of personal data."),
        [
            _("Create organisations and invite their people with the right role."),
            _("Read the audit trail of everything that has happened."),
            _("Keep the legal rules, thresholds and retention rules up to date."),
        ],
    ),
    Role.DATA_PROTECTION_OFFICER: RoleGuide(
        _(
            "You supervise how the municipality handles personal data here: what is kept, why, who read it and "
            "when it goes away."
        ),
        [
            _("Read the records of processing and the privacy notices people are given."),
            _("Answer requests from people about their data: export, correction, restriction and erasure."),
            _("Search the log of who read a participant's data, by person or by staff member."),
            _("Review the retention rules and the disposals carried out under them."),
        ],
    ),
    Role.SUPPLIER_CONTACT: RoleGuide(
        _("You represent your company: in procurements, in the contracts you win and for the people you take in."),
        [
            _("Read published procurements and ask questions while they are advertised."),
            _("Offer internships and supported jobs under your contracts."),
            _("Sign your supervisors up for the supervisor training."),
            _("Keep your company's details and colleagues up to date."),
        ],
    ),
    Role.EMPLOYMENT_OFFICER: RoleGuide(
        _("You refer job-seekers from Arbetsförmedlingen to placements and follow how they go."),
        [
            _("Refer participants with only the information the placement needs."),
            _("See proposed matches and the placements of the people you referred."),
        ],
    ),
    Role.FUNDER_VIEWER: RoleGuide(
        _("You follow the results of the work you finance, as aggregate figures with no personal data."),
        [
            _("See how many placements the social requirements have created and how they ended."),
            _("Download the pilot evaluation report."),
        ],
    ),
}


def links_for(user) -> list[Link]:
    if not user.is_authenticated:
        return []
    return [link for link in MAIN_NAVIGATION if link.allowed(user)]
