from django import template

from reablement.rules import VIEW

register = template.Library()


@register.inclusion_tag("reablement/includes/case_panel.html", takes_context=True)
def case_episode(context, case):
    """The case page's link to its reablement episode, for those who may see it."""
    user = context["request"].user
    episode = getattr(case, "episode", None)
    shown = episode if episode is not None and user.has_perm(VIEW, episode) else None
    return {"episode": shown}
