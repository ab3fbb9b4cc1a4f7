import factory

from insteg.accounts.tests.factories import OrganisationFactory, UserFactory
from insteg.notices.models import Answer, InterestedSupplier, Question
from insteg.procurement.tests.factories import ProcurementFactory


class InterestedSupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestedSupplier

    procurement = factory.SubFactory(ProcurementFactory, status="published")
    organisation = factory.SubFactory(OrganisationFactory)
    contact_email = factory.Sequence(lambda n: f"anbud{n}@leverantor{n}.example")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    procurement = factory.SubFactory(ProcurementFactory, status="published")
    text = "Räknas en lärlingsanställning som uppfyllelse av sysselsättningskravet?"
    asked_by = factory.SubFactory(UserFactory)
    asking_organisation = factory.SubFactory(OrganisationFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    procurement = factory.SubFactory(ProcurementFactory, status="published")
    public_question = "Räknas en lärlingsanställning som uppfyllelse av sysselsättningskravet?"
    text = "Ja, alternativ b i kravet avser lärlingsanställning."
    written_by = factory.SubFactory(UserFactory)
