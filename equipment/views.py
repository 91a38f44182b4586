from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cases.selectors import case_get_for_user
from cases.taskviews import CaseTaskView, _add_errors

from . import services
from .forms import EquipmentTaskForm, OrderForm, OrderStatusForm
from .models import EquipmentOrder
from .rules import ORDER, UPDATE


class EquipmentTaskView(CaseTaskView):
    form_class = EquipmentTaskForm
    template_name = "equipment/equipment_task.html"

    def perform(self, form) -> None:
        services.equipment_branch_finish(
            case=self.case, no_equipment_needed=form.cleaned_data["no_equipment_needed"]
        )


def _next(request, case) -> str:
    """Back to the page the form came from, if it is ours; else the case page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return case.get_absolute_url() + "#equipment"


@require_POST
@permission_required(ORDER, raise_exception=True)
def order_add(request, pk: int):
    case = case_get_for_user(user=request.user, pk=pk)
    form = OrderForm(request.POST)
    if form.is_valid():
        try:
            order = services.order_place(
                case=case, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, f"Ordered {order.item.name}, due {order.due_on:%d/%m/%Y}."
            )
            return redirect(_next(request, case))
    return render(
        request, "equipment/order_form.html", {"case": case, "form": form}, status=422
    )


@permission_required(UPDATE, raise_exception=True)
def order_status(request, pk: int, order_pk: int):
    case = case_get_for_user(user=request.user, pk=pk)
    order = get_object_or_404(
        EquipmentOrder.objects.select_related("item"), pk=order_pk, case=case
    )
    form = OrderStatusForm(
        request.POST or None, initial={"action": request.GET.get("action", "delivered")}
    )
    if request.method == "POST" and form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "delivered":
                services.order_mark_delivered(order=order, actor=request.user)
            elif action == "failed":
                services.order_mark_failed(
                    order=order, actor=request.user, reason=reason
                )
            else:
                services.order_cancel(order=order, actor=request.user, reason=reason)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{order.item.name}: {action}.")
            return redirect(_next(request, case))
    return render(
        request,
        "equipment/order_status.html",
        {"case": case, "order": order, "form": form},
        status=422 if form.errors else 200,
    )
