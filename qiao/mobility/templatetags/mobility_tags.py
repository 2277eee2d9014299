from django import template

from ..funding import format_euro

register = template.Library()


@register.filter
def euro(amount) -> str:
    """An amount in euros as the active language writes it: 16.000,00 € in German."""
    if amount is None or amount == "":
        return ""
    return format_euro(amount)
