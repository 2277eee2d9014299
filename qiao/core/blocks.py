"""StreamField blocks shared by the site's pages."""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from qiao.reports.blocks import YearInFiguresBlock

# Video hosts an editor may embed, and how to build the player address from a link.
# Nothing is loaded from these hosts until the visitor asks for it (two-click consent).
VIDEO_PROVIDERS = {
    "youtube": ("www.youtube-nocookie.com", "https://www.youtube-nocookie.com/embed/{id}"),
    "vimeo": ("player.vimeo.com", "https://player.vimeo.com/video/{id}"),
    "bilibili": ("player.bilibili.com", "https://player.bilibili.com/player.html?bvid={id}"),
}


def parse_video_url(url: str) -> tuple[str, str] | None:
    """Return (provider, video id) for a supported video link, else None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    path_parts = [part for part in parsed.path.split("/") if part]
    if host == "youtube.com" and path_parts[:1] == ["watch"]:
        video_id = parse_qs(parsed.query).get("v", [""])[0]
    elif host == "youtu.be" and path_parts:
        video_id = path_parts[0]
    elif host == "vimeo.com" and path_parts and path_parts[0].isdigit():
        return "vimeo", path_parts[0]
    elif host == "bilibili.com" and len(path_parts) >= 2 and path_parts[0] == "video":
        return "bilibili", path_parts[1]
    else:
        return None
    if video_id and video_id.replace("-", "").replace("_", "").isalnum():
        return "youtube", video_id
    return None


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    credit = blocks.CharBlock(required=False, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External link"))
    button_label = blocks.CharBlock(label=_("Button label"))

    class Meta:
        icon = "pick"
        template = "core/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        return value


class VideoBlock(blocks.StructBlock):
    """A video from YouTube, Vimeo or Bilibili behind a consent button: the page loads
    nothing from the video host until the visitor clicks (works without JavaScript)."""

    url = blocks.URLBlock(label=_("Video link"), help_text=_("YouTube, Vimeo or Bilibili"))
    title = blocks.CharBlock(label=_("Title"))

    class Meta:
        icon = "media"
        template = "core/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if parse_video_url(value.get("url", "")) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Use a link to a YouTube, Vimeo or Bilibili video."))
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        provider, video_id = parse_video_url(value["url"]) or (None, None)
        context["provider_host"] = VIDEO_PROVIDERS[provider][0] if provider else ""
        context["embed_url"] = VIDEO_PROVIDERS[provider][1].format(id=video_id) if provider else ""
        request = (parent_context or {}).get("request")
        block_id = (parent_context or {}).get("block_id", "")
        context["consented"] = bool(request and request.GET.get("video") == block_id)
        return context


class TeamBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    people = blocks.ListBlock(SnippetChooserBlock("core.Person"), label=_("People"))

    class Meta:
        icon = "group"
        template = "core/blocks/team.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", label=_("Heading"), template="core/blocks/heading.html"
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
    team = TeamBlock()


class StandardBodyBlock(BodyBlock):
    """The body of standard pages (such as About us): also the year in figures."""

    year_in_figures = YearInFiguresBlock()


class TeaserBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"))
    image = ImageChooserBlock(required=False, label=_("Image"))

    class Meta:
        icon = "doc-full"
