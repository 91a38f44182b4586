from django import template

from pathways.selectors import CAPACITY_LEVELS

register = template.Library()


@register.inclusion_tag("pathways/includes/capacity_legend.html")
def capacity_legend():
    """What the grid's colours mean, in the words of capacity_level."""
    return {"levels": list(CAPACITY_LEVELS.items())}


@register.filter
def seconds_text(seconds) -> str:
    """A solve's duration as people say it: "under 0.1 s", "0.9 s", "12 s"."""
    if seconds is None:
        return "—"
    if seconds < 0.1:
        return "under 0.1 s"
    if round(seconds, 1) < 10:
        return f"{seconds:.1f} s"
    if seconds < 90:
        return f"{round(seconds)} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


@register.filter
def against_simple_plan(days_saved) -> str:
    """A proposal's start against the simple plan's for the same case."""
    if days_saved is None:
        return "the simple plan could not place this case"
    if days_saved == 0:
        return "the same start as the simple plan"
    days = abs(days_saved)
    when = "sooner" if days_saved > 0 else "later"
    return f"{days} day{'' if days == 1 else 's'} {when} than the simple plan"
