from django import template

from safeguarding.rules import RAISE
from safeguarding.selectors import (
    case_concerns_for_user,
    case_has_concern_since_risk_screen,
    concern_stage,
)

register = template.Library()


@register.inclusion_tag("safeguarding/includes/case_panel.html", takes_context=True)
def case_safeguarding(context, case):
    """The case page's safeguarding panel, as much as the viewer may see: the
    concerns with details for leads and managers, the ones they raised (stage
    only) for anyone else, and the prompt from the risk screen's indicator."""
    user = context["request"].user
    concerns = [
        (concern, details, concern_stage(concern))
        for concern, details in case_concerns_for_user(user=user, case=case)
    ]
    screen = getattr(case, "risk_screen", None)
    can_raise = user.has_perm(RAISE) and case.is_open
    prompt = (
        can_raise
        and screen is not None
        and screen.safeguarding_indicator
        and not case_has_concern_since_risk_screen(case, screen)
    )
    return {
        "case": case,
        "concerns": concerns,
        "can_raise": can_raise,
        "prompt": prompt,
        "screen": screen,
        "request": context["request"],
    }
