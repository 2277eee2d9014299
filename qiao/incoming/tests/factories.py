import datetime

import factory

from qiao.incoming.enums import CohortType, ParticipantRole
from qiao.incoming.models import Cohort, Participant, Session
from qiao.partners.tests.factories import InstitutionFactory, StaffFactory  # noqa: F401


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    title_de = "Sommerschule Energiewende"
    title_en = "Summer School Energy Transition"
    title_zh = "能源转型暑期学校"
    partner = factory.SubFactory(InstitutionFactory)
    type = CohortType.SUMMER_SCHOOL
    starts_on = datetime.date(2026, 7, 6)
    ends_on = datetime.date(2026, 7, 19)
    capacity = 25
    attendance_rule = 80
    hours = 40
    ects = 3
    location = "Clausthal-Zellerfeld"

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    cohort = factory.SubFactory(CohortFactory)
    name_zh = "李小龙"
    name_pinyin = factory.Sequence(lambda n: f"Li Xiaolong {n}")
    passport_name = factory.Sequence(lambda n: f"LI XIAOLONG {n}")
    date_of_birth = datetime.date(2003, 4, 5)
    email = factory.Sequence(lambda n: f"student{n}@example.cn")
    role = ParticipantRole.STUDENT


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    starts_at = datetime.datetime(2026, 7, 6, 7, 0, tzinfo=datetime.UTC)
    ends_at = datetime.datetime(2026, 7, 6, 9, 0, tzinfo=datetime.UTC)
    title = "Einführung"
    room = "A 101"
