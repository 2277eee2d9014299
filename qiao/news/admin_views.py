from django.http import JsonResponse

from . import queries


def tag_autocomplete(request, locale_id: int):
    """Suggestions for the tag field of a news item: tags used on news in its language."""
    term = request.GET.get("term", "")[:100]
    return JsonResponse(queries.tag_names_in_language(locale_id, term), safe=False)
