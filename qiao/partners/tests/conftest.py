import pytest

from qiao.partners.models import PartnerIndexPage

INDEX_TITLES = {
    "en": ("Partners", "partners"),
    "zh-hans": ("合作伙伴", "hezuo-huoban"),
}


@pytest.fixture
def partner_pages(homes):
    """The partner overview page in German, English and Chinese."""
    german = PartnerIndexPage(title="Partner", slug="partner", intro="Unsere Partner.")
    homes["de"].add_child(instance=german)
    german.save_revision().publish()
    pages = {"de": german}
    for code, (title, slug) in INDEX_TITLES.items():
        translated = german.copy_for_translation(homes[code].locale)
        translated.title = title
        translated.slug = slug
        translated.save_revision().publish()
        pages[code] = PartnerIndexPage.objects.get(pk=translated.pk)
    return pages


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT
