import factory
from stdnum import luhn

from insteg.accounts.models import Membership, Organisation, Role, User


def _org_number(n: int) -> str:
    base = f"556{n:06d}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Företag {n} AB")
    kind = Organisation.Kind.SUPPLIER
    org_number = factory.Sequence(_org_number)

    class Params:
        municipality = factory.Trait(kind=Organisation.Kind.MUNICIPALITY, name="Östersunds kommun", org_number="")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.django.Password("correct horse battery staple")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.SUPPLIER_CONTACT
