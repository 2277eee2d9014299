import pytest

from qiao.mobility.models import ProgrammeIndexPage, ProgrammePage

from .factories import CallFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def programme(homes):
    index = ProgrammeIndexPage(title="Programme", slug="programme")
    homes["de"].add_child(instance=index)
    index.save_revision().publish()
    page = ProgrammePage(
        title="Winter School Beihang",
        slug="winter-school-beihang",
        programme_type="winter_school",
        partner_name="Beihang University",
        city="Peking",
        duration="2 Wochen",
        teaser="Zwei Wochen in Peking.",
        description="<p>Vorlesungen und Labore.</p>",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def call(programme):
    return CallFactory(programme=programme)
