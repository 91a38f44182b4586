from .roles import user_roles


def hub(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"hub_roles": user_roles(user)}
