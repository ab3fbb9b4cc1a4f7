"""The purposes Insteg processes personal data for, declared once as data (GDPR art. 30 records of processing).

The records-of-processing page, its JSON in the API and the privacy notice per purpose (art. 13/14) are all
generated from these declarations, so they cannot say different things. Choices of legal basis that are the
municipality's to make (domain research §6.1, level [U]) are marked `dpo_to_confirm`: the data protection
officer confirms them before the pilot goes live.

Retention comes from the retention rule table when a record type applies (`insteg.retention`), so a notice
never promises a period that no rule carries out; otherwise a declared text says how long the data stays.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from insteg.privacy.models import ConsentPurpose

IMY_URL = "https://www.imy.se/"


@dataclass(frozen=True)
class LegalBasis:
    article: str  # "6.1 e"
    text: Promise
    source: Promise  # what the basis rests on (law, decision, consent)
    dpo_to_confirm: bool = False

    def as_dict(self) -> dict:
        return {
            "article": self.article,
            "text": str(self.text),
            "source": str(self.source),
            "dpo_to_confirm": self.dpo_to_confirm,
        }


@dataclass(frozen=True)
class Retention:
    """Either a record type of the retention rule table, or a declared text where no rule applies."""

    record_type: str = ""
    what: Promise | str = ""  # which records, when a purpose has several (participants and the view log)
    text: Promise | str = ""

    def summary(self) -> str:
        if self.record_type:
            return rule_summary(self.record_type)
        return str(self.text)

    def as_dict(self) -> dict:
        return {"record_type": self.record_type, "what": str(self.what), "rule": self.summary()}


@dataclass(frozen=True)
class Purpose:
    code: str
    name: Promise
    description: Promise
    data_subjects: list[Promise]
    categories: list[Promise]
    special_categories: Promise
    legal_bases: list[LegalBasis]
    recipients: list[Promise]
    retention: list[Retention]
    security: list[Promise] = field(default_factory=list)
    transfers: Promise = _("None. All data is stored and processed within the EU/EEA.")
    where_collected: Promise | str = ""
    consent_purpose: str = ""  # a ConsentPurpose when the basis is consent: the notice shows the consent text

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": str(self.name),
            "controller": controller(),
            "data_protection_officer": dpo_contact(),
            "purpose": str(self.description),
            "data_subjects": [str(item) for item in self.data_subjects],
            "categories_of_data": [str(item) for item in self.categories],
            "special_categories": str(self.special_categories),
            "legal_bases": [basis.as_dict() for basis in self.legal_bases],
            "recipients": [str(item) for item in self.recipients],
            "transfers_outside_eu_eea": str(self.transfers),
            "retention": [item.as_dict() for item in self.retention],
            "security_measures": [str(item) for item in self.security],
            "where_collected": str(self.where_collected),
        }


# Every purpose shares these; a purpose may add its own.
COMMON_SECURITY = [
    _("Access by role and organisation; a person outside the right organisation gets “not found”."),
    _("Two-factor sign-in for municipal roles that can read participant data; lockout after failed sign-ins."),
    _("Encrypted connections (HTTPS with HSTS); a strict content security policy."),
    _("An append-only audit trail of every change; backups restored in a regular drill."),
]

PURPOSES = [
    Purpose(
        code="participants",
        name=_("Matching and follow-up of participants in work placements"),
        description=_(
            "To match people far from the labour market with placements at companies that hold a contract with "
            "the municipality, to propose them to the host company, and to follow up the placement and its "
            "outcome. Aggregated, anonymous figures are used to evaluate the pilot."
        ),
        data_subjects=[_("Participants: people registered by the municipality or referred by Arbetsförmedlingen")],
        categories=[
            _("Name, email address, phone number and a pseudonymous id"),
            _("Birth year (kept as an age band after erasure), gender if the person chooses to give it"),
            _("Target group, labour-market programme, occupations of interest, Swedish level, other languages"),
            _("Home municipality, how far the person can travel, driving licence, hours per week, availability"),
            _("Practical adaptations at the workplace from a fixed list (what helps, never why)"),
            _("Practical notes, proposals, placements, check-ins, situations and outcomes"),
            _("Personal identity number only if the municipality has decided it is clearly justified"),
            _("A log of every read of the person's data: who, when and why"),
        ],
        special_categories=_(
            "No special categories are stored: no diagnoses and no free text about health (notes refuse health "
            "words). The labour-market programme (for example wage subsidy) can reveal a reduced work capacity "
            "indirectly, so it is restricted: host companies, funders and procurement officers never see it. "
            "No criminal-offence data is stored."
        ),
        legal_bases=[
            LegalBasis(
                "6.1 e",
                _("A task in the public interest: the municipality's labour-market work"),
                _(
                    "The municipality's decision on the labour-market task (a decision under law, "
                    "dataskyddslagen 2018:218 chapter 2 § 2)"
                ),
                dpo_to_confirm=True,
            ),
            LegalBasis(
                "OSL 10:1",
                _("Disclosure to the host company: the person's consent or a recorded confidentiality assessment"),
                _("Offentlighets- och sekretesslagen (2009:400)"),
                dpo_to_confirm=True,
            ),
        ],
        recipients=[
            _(
                "The host company, after a recorded confidentiality assessment or the person's consent: first "
                "name, start date and the adaptations chosen for sharing, nothing else"
            ),
            _("Arbetsförmedlingen: the officer who referred the person"),
            _("The funder: aggregated, anonymous figures only; small groups are hidden"),
        ],
        retention=[
            Retention("participant", _("Participants' identities")),
            Retention("participant_view", _("The view log")),
        ],
        security=[
            *COMMON_SECURITY,
            _("Every read of a participant's data is logged; the data protection officer can search the log."),
            _("Erasure anonymises in place: statistics keep only age band, target group and outcomes."),
        ],
        where_collected=_(
            "From the person, by the matching officer or the referring Arbetsförmedlingen officer at registration "
            "(GDPR art. 13), and from the host company during follow-up (art. 14)."
        ),
    ),
    Purpose(
        code=ConsentPurpose.TRAINING_REGISTRATION.value,
        name=_("Supervisor training registration"),
        description=_(
            "To run the supervisor training: confirmation, waiting list, reminder, attendance and certificate, "
            "and to show that a placement's supervisor is trained."
        ),
        data_subjects=[_("Supervisors and other staff of host companies who register for the training")],
        categories=[
            _("Name, email address and, if given, phone number and role"),
            _("Company, session, seat or waiting-list place, attendance"),
            _("Which version of the consent text was agreed to, and when"),
        ],
        special_categories=_("None."),
        legal_bases=[
            LegalBasis(
                "6.1 a",
                _("Consent, given by ticking a box that is never ticked beforehand; withdrawn with one link"),
                _("The registrant's consent (GDPR art. 7); an alternative is 6.1 e with information only"),
                dpo_to_confirm=True,
            )
        ],
        recipients=[
            _("The organiser's staff who run the training."),
            _("The company's own contact persons in Insteg, when one of them registered the person."),
        ],
        retention=[Retention("training_registration", _("Registrations"))],
        security=COMMON_SECURITY,
        where_collected=_("From the person, on the training registration form (GDPR art. 13)."),
        consent_purpose=ConsentPurpose.TRAINING_REGISTRATION.value,
    ),
    Purpose(
        code="supplier_contact",
        name=_("Supplier contacts"),
        description=_(
            "To run procurements and contracts with companies: questions and answers, tenders, contracts, "
            "placements offered and the follow-up of the contract's social requirements."
        ),
        data_subjects=[_("Contact persons of companies that bid for or hold a contract with the municipality")],
        categories=[
            _("Name, work email address, user name and company"),
            _("What the person did in Insteg (questions, tenders, decisions), in the audit trail"),
            _("Name and email address of a placement's supervisor"),
        ],
        special_categories=_("None."),
        legal_bases=[
            LegalBasis(
                "6.1 e",
                _("A task in the public interest: public procurement and contract management"),
                _("Lag (2016:1145) om offentlig upphandling and the municipality's contracts"),
                dpo_to_confirm=True,
            ),
            LegalBasis(
                "6.1 f",
                _("Legitimate interest, for contact persons of companies before any contract exists"),
                _("A balancing of interests, to be documented by the municipality"),
                dpo_to_confirm=True,
            ),
        ],
        recipients=[
            _("The municipality's staff"),
            _(
                "Anyone who asks for public records (offentlighetsprincipen), unless confidentiality applies "
                "under offentlighets- och sekretesslagen"
            ),
        ],
        retention=[
            Retention(
                text=_(
                    "As long as the account is active. The procurement file is a public record and is kept under "
                    "the municipality's records management plan; the account can be anonymised on request once it "
                    "is no longer needed."
                )
            )
        ],
        security=COMMON_SECURITY,
        where_collected=_("From the person, at company registration or when invited by a colleague (GDPR art. 13)."),
    ),
    Purpose(
        code="staff",
        name=_("Staff accounts"),
        description=_(
            "To give the municipality's, Arbetsförmedlingen's and the funder's staff access to the work their "
            "role requires, and to record who did what."
        ),
        data_subjects=[_("Staff of the municipality, Arbetsförmedlingen and the funder who use Insteg")],
        categories=[
            _("Name, work email address, user name, organisation and role"),
            _("Sign-in data: two-factor devices, API tokens (names and dates), failed sign-ins"),
            _("What the person did in Insteg, in the audit trail and the view log"),
        ],
        special_categories=_("None."),
        legal_bases=[
            LegalBasis(
                "6.1 b",
                _("The employment contract, for the municipality's own staff"),
                _("The employment contract"),
                dpo_to_confirm=True,
            ),
            LegalBasis(
                "6.1 c",
                _("Legal obligation: the audit trail and view log required for the security of processing"),
                _("GDPR art. 32 and the municipality's information-security rules"),
                dpo_to_confirm=True,
            ),
        ],
        recipients=[_("The municipality's administrators and data protection officer")],
        retention=[
            Retention(
                text=_(
                    "As long as the account is active, then anonymised when the person leaves; the audit trail keeps "
                    "the account's id (never free text) under the municipality's records management plan."
                )
            )
        ],
        security=COMMON_SECURITY,
        where_collected=_("From the employer, when an administrator creates or invites the account (GDPR art. 14)."),
    ),
    Purpose(
        code="accessibility_feedback",
        name=_("Reports of accessibility problems"),
        description=_(
            "To answer a person who reports that part of Insteg is not accessible, give them the information in "
            "another way and fix the problem, as the Act on accessibility to digital public services requires."
        ),
        data_subjects=[_("Anyone who reports an accessibility problem and chooses to give an email address")],
        categories=[_("The page concerned, the description of the problem, and an optional email address for a reply")],
        special_categories=_("None are asked for; the form asks people not to describe their health."),
        legal_bases=[
            LegalBasis(
                "6.1 c",
                _("Legal obligation: the municipality must offer a way to report accessibility problems"),
                _("Lag (2018:1937) om tillgänglighet till digital offentlig service, 16 §"),
            ),
        ],
        recipients=[_("The municipality's administrators")],
        retention=[Retention(record_type="accessibility_feedback")],
        security=COMMON_SECURITY,
        where_collected=_("From the person who reports, in the feedback form."),
    ),
]

BY_CODE = {purpose.code: purpose for purpose in PURPOSES}


def get(code: str) -> Purpose | None:
    return BY_CODE.get(code)


def controller() -> str:
    """The municipality that runs Insteg; a setting can name it when several municipalities share an install."""
    name = settings.INSTEG_CONTROLLER_NAME
    if name:
        return name
    from insteg.accounts.models import Organisation

    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("pk")
    names = [f"{m.name} ({m.org_number})" if m.org_number else m.name for m in municipalities[:3]]
    return ", ".join(names) or gettext("The municipality that runs Insteg")


def dpo_contact() -> str:
    return settings.INSTEG_DPO_CONTACT or gettext(
        "The municipality's data protection officer, through the municipality's switchboard or website"
    )


def rule_summary(record_type: str) -> str:
    from insteg.retention.services import rule_summary as summary

    return str(summary(record_type))


def has_basis(purpose: Purpose, *articles: str) -> bool:
    return any(basis.article in articles for basis in purpose.legal_bases)


def rights(purpose: Purpose) -> list[str]:
    """The data subject's rights (art. 15–22) that apply to the purpose, in plain words."""
    items = []
    if purpose.consent_purpose:
        items.append(
            gettext(
                "Withdraw your consent at any time, as easily as you gave it: use the link in the confirmation "
                "email. Withdrawing does not affect what was done before."
            )
        )
    items += [
        gettext("Access (art. 15): get a copy of everything we hold about you, as a file or on paper."),
        gettext("Rectification (art. 16): have wrong or incomplete details corrected."),
        gettext(
            "Erasure (art. 17): have your details removed. Records that are public records under the archive law "
            "(arkivlagen) can only be removed under the municipality's disposal decision; we tell you what is kept "
            "and why."
        ),
        gettext(
            "Restriction (art. 18): have the use of your details stopped while, for example, their accuracy is "
            "checked. The details are then stored but not used."
        ),
    ]
    if has_basis(purpose, "6.1 e", "6.1 f"):
        items.append(
            gettext(
                "Objection (art. 21): object to processing based on a task in the public interest or a legitimate "
                "interest; we then stop unless there are compelling reasons."
            )
        )
    if has_basis(purpose, "6.1 a", "6.1 b"):
        items.append(gettext("Data portability (art. 20): get your details in a machine-readable form (JSON)."))
    return items
