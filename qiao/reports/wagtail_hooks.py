from wagtail import hooks

from .panels import panels_for


@hooks.register("construct_homepage_summary_items", order=100)
def remove_stock_summary(request, summary_items):
    """The week at a glance replaces Wagtail's page and image counts (with no items,
    Wagtail leaves the summary out)."""
    summary_items[:] = []


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(panels_for(request.user))
