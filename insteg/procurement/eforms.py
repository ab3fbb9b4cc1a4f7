"""The eForms codes a notice carries for strategic and social procurement, derived from the requirements
(domain research §5.2, OP-TED eForms SDK codelists):

- BT-06 Strategic Procurement: `soc-obj` when the procurement has social requirements, else `none`.
- BT-775 Social Procurement: the requirements' social objectives (`opp`, `work-cond`, `gen-eq`, `et-eq`,
  `acc-all`, `hum-right`, `other`).
- BT-754 Accessibility: `inc` when an accessibility requirement is set; otherwise `n-inc` (the buyer must then
  justify it in BT-755, which Insteg cannot know).
- BT-71 Reserved Participation: `res-ws` (sheltered workshops, 4 kap. 18 § LOU) for a reserved-contract
  requirement, else `none`.
"""

from dataclasses import dataclass

from insteg.procurement.models import Procurement, SocialObjective, Theme


@dataclass(frozen=True)
class EformsCodes:
    strategic_procurement: str  # BT-06
    social_objectives: tuple[str, ...]  # BT-775
    accessibility: str  # BT-754
    reserved_participation: str  # BT-71


def codes_for(procurement: Procurement) -> EformsCodes:
    """Uses `procurement.requirements` with their criteria (prefetch them for lists)."""
    criteria = [requirement.criterion for requirement in procurement.requirements.all()]
    objectives = tuple(sorted({criterion.social_objective for criterion in criteria if criterion.social_objective}))
    themes = {criterion.theme for criterion in criteria}
    return EformsCodes(
        strategic_procurement="soc-obj" if criteria else "none",
        social_objectives=objectives,
        accessibility="inc" if SocialObjective.ACCESSIBILITY in objectives else "n-inc",
        reserved_participation="res-ws" if Theme.RESERVED in themes else "none",
    )
