from django import template

from ..board import hhmm as _hhmm
from ..models import Skill

register = template.Library()


@register.filter
def hhmm(minutes: int) -> str:
    return _hhmm(int(minutes))


@register.filter
def skill_names(skills) -> str:
    return ", ".join(Skill(s).label for s in skills if s in Skill.values)
