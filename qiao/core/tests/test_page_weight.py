"""Page weight: the main public pages stay under 100 kB of HTML, CSS and JavaScript before
images, and every image is a rendition with its width and height set (no layout shift, no
original upload sent to a phone)."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from qiao.events.tests.factories import make_event, make_index
from qiao.news.tests.factories import make_news, make_news_index

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves the temporary file of a new rendition to the garbage collector.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]
BUDGET = 100_000


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    if Collection.get_first_root_node() is None:  # a transactional test flushed it
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", (3000, 2000), "#b22222").save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="Campus", file=ImageFile(buffer, name="campus.jpg")
    )


@pytest.fixture
def site(homes, photo):
    news_index = make_news_index(homes["de"])
    for number in range(30):
        page = make_news(news_index, title=f"Delegation {number}", body="Besuch. " * 200)
        page.image, page.image_alt = photo, "Der Campus"
        page.save_revision().publish()
    events = make_index(homes["de"])
    for number in range(30):
        make_event(events, days_ahead=number + 1, title=f"Vortrag {number}")
    return {"news": page, "news_index": news_index, "events": events}


def weight(client, url: str) -> tuple[int, list[str]]:
    """Bytes of the HTML plus its style sheets and scripts; the page's <img> tags."""
    html = client.get(url).content.decode()
    total = len(html.encode())
    for asset in re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js))"', html):
        if asset.startswith("/static/"):
            total += Path(finders.find(asset.removeprefix("/static/"))).stat().st_size
        else:
            total += len(client.get(asset).content)
    total += len(client.get("/theme.css").content) if "/theme.css" in html else 0
    return total, re.findall(r"<img [^>]*>", html)


@pytest.mark.parametrize("page", ["home", "news_index", "news", "events"])
def test_main_pages_under_100_kb_before_images(client, site, homes, page):
    url = homes["de"].url if page == "home" else site[page].url

    total, _images = weight(client, url)

    assert total < BUDGET, f"{url}: {total} bytes"


def test_every_image_is_a_rendition_with_width_and_height(client, site, homes):
    for url in (homes["de"].url, site["news_index"].url, site["news"].url):
        _total, images = weight(client, url)
        assert images, url
        for tag in images:
            assert re.search(r'src="/media/images/[^"]+"', tag), tag
            assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag), tag
            width = int(re.search(r'width="(\d+)"', tag).group(1))
            assert width <= 1200, tag  # never the 3000 px upload
