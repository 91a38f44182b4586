from django.shortcuts import redirect, render


def landing(request):
    """Send each user to the first part of the hub their role may see."""
    user = request.user
    if user.has_perm("cases.view_dischargecase"):
        return redirect("hub:index")
    if user.has_perm("safeguarding.view_concern"):
        return redirect("safeguarding:index")
    if user.is_staff:
        return redirect("admin:index")
    return render(request, "cases/no_role.html", status=403)
