from django import forms

from .models import EquipmentItem, EquipmentOrder


class OrderForm(forms.ModelForm):
    class Meta:
        model = EquipmentOrder
        fields = ["item", "quantity", "speed", "essential"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = EquipmentItem.objects.filter(active=True)


class OrderStatusForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("delivered", "Delivered"),
            ("failed", "Delivery failed"),
            ("cancel", "Cancel order"),
        ]
    )
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EquipmentTaskForm(forms.Form):
    no_equipment_needed = forms.BooleanField(
        required=False, help_text="Tick only when the person needs no equipment at all."
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
