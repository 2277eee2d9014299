import pytest
from django.utils import translation

from .factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_institution_name_follows_the_active_language():
    institution = InstitutionFactory(
        name_de="Universität Sichuan", name_en="Sichuan University", name_zh="四川大学"
    )

    names = {}
    for code in ("de", "en", "zh-hans"):
        with translation.override(code):
            names[code] = str(institution)

    assert names == {"de": "Universität Sichuan", "en": "Sichuan University", "zh-hans": "四川大学"}
