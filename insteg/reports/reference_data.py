"""The impact parameters Insteg starts with (domain research §4.2), as plain data for the migration and for
`load_reference_data()`. Scenario values, marked as such; an administrator sets the local ones."""

PARAMETERS = [
    {
        "key": "public-support-per-year",
        "name_sv": "Offentlig försörjning per helårsekvivalent",
        "name_en": "Public income support per full-year equivalent",
        "value_low": "162000",
        "value_high": "162000",
        "unit": "sek_per_person_year",
        "price_year": 2022,
        "source_title": "Finsam Uppsala, Nyttoanalys (SCB-data, Uppsala län 2022)",
        "source_url": "https://www.finsamuppsala.se",
        "certainty": "secondary",
        "notes": "Standardkostnad för sjukpenning, aktivitetsersättning, a-kassa, försörjningsstöd och "
        "etableringsersättning. Byt mot kommunens eget värde när det finns.",
    },
    {
        "key": "lifetime-exclusion-cost",
        "name_sv": "Livstidskostnad för långvarigt utanförskap (scenario)",
        "name_en": "Lifetime cost of long-term exclusion (scenario)",
        "value_low": "10000000",
        "value_high": "15000000",
        "unit": "sek_lifetime",
        "price_year": 2018,
        "source_title": 'Nilsson & Wadeskog / Skandia Idéer för livet, via Vi Kan Mittsverige "Fakta om utanförskap"',
        "source_url": "",
        "certainty": "secondary",
        "notes": "Ett räkneexempel från 20 år till pension, inte en uppmätt effekt.",
    },
    {
        "key": "internship-bonus-per-month",
        "name_sv": "Trafikverkets bonusnivå per praktikmånad (marknadssignal)",
        "name_en": "Trafikverket's bonus per internship month (a market signal)",
        "value_low": "15000",
        "value_high": "30000",
        "unit": "sek_per_month",
        "price_year": 2015,
        "source_title": "STD-företagen nyhetsbrev 9/2015 om Trafikverket TRV 2015/57193",
        "source_url": "",
        "certainty": "secondary",
        "notes": "15 000 kr per praktikmånad, 30 000 kr per månad i lärlings- eller subventionerad anställning.",
    },
]


def load_reference_data(model=None) -> int:
    if model is None:
        from insteg.reports.models import ImpactParameter as model
    created = 0
    for parameter in PARAMETERS:
        _row, made = model.objects.get_or_create(key=parameter["key"], defaults=dict(parameter))
        created += made
    return created
