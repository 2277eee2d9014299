import datetime

import factory
from django.contrib.auth import get_user_model

from qiao.advising.enums import BookingStatus, MeetingMode, PersonStatus
from qiao.advising.models import Advisor, AvailabilityRule, Booking, Slot, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"advisor{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_de = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_zh = factory.Sequence(lambda n: f"主题 {n}")
    slot_minutes = 30


class AdvisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advisor

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Advisor {n}")
    email = factory.LazyAttribute(lambda o: o.user.email)


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityRule

    advisor = factory.SubFactory(AdvisorFactory)
    topic = factory.SubFactory(TopicFactory)
    weekday = 0
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    valid_from = datetime.date(2026, 1, 1)
    mode = MeetingMode.IN_PERSON
    room = "A 101"


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    advisor = factory.SubFactory(AdvisorFactory)
    topic = factory.SubFactory(TopicFactory)
    starts_at = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))
    mode = MeetingMode.IN_PERSON
    room = "A 101"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    name = "Li Wei"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    person_status = PersonStatus.STUDENT
    question = "Which visa do I need?"
    language = "en"
    status = BookingStatus.CONFIRMED
