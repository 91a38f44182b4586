from django.contrib import admin
from django.shortcuts import redirect, render

from cases.rules import USE_HUB
from pathways.provider_rules import USE_PORTAL
from safeguarding.rules import VIEW as VIEW_CONCERNS


def landing(request):
    """Send each user to the first part of the hub their permissions open
    (the 403 page links here too)."""
    user = request.user
    if user.has_perm(USE_HUB):
        return redirect("hub:index")
    if user.has_perm(VIEW_CONCERNS):
        return redirect("safeguarding:index")
    if user.has_perm(USE_PORTAL):
        return redirect("provider:capacity")
    if admin.site.has_permission(request) and user.get_all_permissions():
        return redirect("admin:index")
    return render(request, "cases/no_role.html", status=403)
