"""Building blocks for the demo content that each app's ``demo.py`` uses."""

import io
import random
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Locale, Page

LANGUAGES = ("de", "en", "zh-hans")


@dataclass
class DemoContext:
    """What the apps' demo builders share: the home page of each language and named pages."""

    homes: dict = field(default_factory=dict)  # language code -> HomePage
    pages: dict = field(
        default_factory=dict
    )  # name -> German page (translations via .get_translation)
    images: dict = field(default_factory=dict)
    log: list = field(default_factory=list)

    def locale(self, language_code: str) -> Locale:
        return Locale.objects.get(language_code=language_code)


def draw_image(title: str, *, colour: tuple[int, int, int], seed: int, size=(1200, 675)) -> Image:
    """A picture drawn here (hills, a bridge, the sun), stored as a Wagtail image."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    width, height = size
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    for band in range(height):
        shade = int(40 * band / height)
        draw.line([(0, band), (width, band)], fill=tuple(min(255, c + shade) for c in colour))
    sun_x = rng.randint(width // 5, 4 * width // 5)
    draw.ellipse((sun_x - 70, 80, sun_x + 70, 220), fill=(250, 214, 120))
    for layer in range(3):
        base = height - 120 - layer * 60
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 140)))
        points.append((width, height))
        tone = tuple(max(0, c - 40 - layer * 25) for c in colour)
        draw.polygon(points, fill=tone)
    deck = height - 150
    draw.arc((width // 4, deck - 160, 3 * width // 4, deck + 160), 180, 360, fill="white", width=12)
    draw.line((width // 8, deck, 7 * width // 8, deck), fill="white", width=10)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"demo-{seed}.jpg")
    image.save()
    return image


def draw_portrait(name: str, *, seed: int) -> Image:
    """A round badge with the person's initials, standing in for a photo."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    background = (rng.randint(60, 140), rng.randint(60, 140), rng.randint(60, 140))
    picture = PILImage.new("RGB", (480, 480), background)
    draw = ImageDraw.Draw(picture)
    initials = "".join(part[0] for part in name.replace("Dr.", "").replace("Prof.", "").split()[:2])
    font = ImageFont.load_default(size=180)
    draw.text((240, 240), initials.upper(), fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    image = Image(title=name)
    image.file = ImageFile(buffer, name=f"portrait-{seed}.jpg")
    image.save()
    return image


def add_child(parent: Page, page: Page, *, publish: bool = True) -> Page:
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def translate(page: Page, language_code: str, **fields) -> Page:
    """Create the translation of ``page`` into ``language_code`` with the given fields,
    published. The parent must have been translated first."""
    locale = Locale.objects.get(language_code=language_code)
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    return translated
