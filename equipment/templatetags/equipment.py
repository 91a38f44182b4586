from django import template

from ..models import EquipmentItem

register = template.Library()


@register.inclusion_tag("equipment/includes/orders.html", takes_context=True)
def equipment_orders(context, case, next_url: str = "") -> dict:
    """A case's orders and the form to order from the active catalogue."""
    return {
        "case": case,
        "orders": case.equipment_orders.select_related("item"),
        "catalogue": EquipmentItem.objects.filter(active=True).order_by(
            "category", "name"
        ),
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
