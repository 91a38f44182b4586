from django import template

from pathways.selectors import CAPACITY_LEVELS

register = template.Library()


@register.inclusion_tag("pathways/includes/capacity_legend.html")
def capacity_legend():
    """What the grid's colours mean, in the words of capacity_level."""
    return {"levels": list(CAPACITY_LEVELS.items())}
