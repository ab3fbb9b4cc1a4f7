from insteg.core.navigation import links_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"navigation": [(link.label, link.url()) for link in links_for(user)]}
