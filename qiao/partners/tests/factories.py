import datetime

import factory

from qiao.partners.enums import InstitutionType, Province
from qiao.partners.models import Institution


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
