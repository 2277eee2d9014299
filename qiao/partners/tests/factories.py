import datetime

import factory
from django.contrib.auth import get_user_model

from qiao.partners.enums import AgreementType, InstitutionType, Province, VisitDirection
from qiao.partners.models import Agreement, DelegationVisit, Institution


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    is_superuser = True


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    type = InstitutionType.UNIVERSITY
    name_de = factory.Sequence(lambda n: f"Universität {n}")
    name_en = factory.Sequence(lambda n: f"University {n}")
    name_zh = factory.Sequence(lambda n: f"大学{n}")
    slug = factory.Sequence(lambda n: f"university-{n}")
    city = "Kunming"
    province = Province.YUNNAN
    partner_since = datetime.date(2016, 5, 1)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    type = AgreementType.EXCHANGE
    title = factory.Sequence(lambda n: f"Exchange agreement {n}")
    valid_from = datetime.date(2022, 1, 1)
    valid_until = datetime.date(2027, 6, 30)
    responsible = factory.SubFactory(StaffFactory)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create:
            self.partners.set(extracted or [InstitutionFactory()])


class DelegationVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationVisit
        skip_postgeneration_save = True

    direction = VisitDirection.INCOMING
    title_de = "Delegation der Provinz Yunnan"
    title_en = "Delegation from Yunnan Province"
    title_zh = "云南省代表团来访"
    starts_on = datetime.date(2023, 11, 27)
    ends_on = datetime.date(2023, 11, 27)

    @factory.post_generation
    def institutions(self, create, extracted, **kwargs):
        if create and extracted:
            self.institutions.set(extracted)
            self.save()
