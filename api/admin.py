"""API clients, their tokens and the audit of calls, in Django's admin.

A token is shown once, on the page that follows issuing it (never stored,
never in a message cookie); the admin keeps only its digest. Tokens are
revoked, never deleted; the audit is read-only."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from cases.admin import HistoryAdmin, ReadOnlyMixin

from .models import ApiCall, ApiClient, ApiReferral, ApiToken
from .tokens import api_client_create, api_token_issue, api_token_revoke


class ApiTokenInline(admin.TabularInline):
    model = ApiToken
    fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApiClient)
class ApiClientAdmin(HistoryAdmin):
    list_display = ["name", "is_active", "requests_per_minute", "created_at"]
    list_filter = ["is_active"]
    filter_horizontal = ["localities"]
    readonly_fields = ["user"]
    inlines = [ApiTokenInline]
    actions = ["issue_token"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            super().save_model(request, obj, form, change)
            return
        fields = {
            name: form.cleaned_data[name]
            for name in ("hospitals", "requests_per_minute", "is_active")
        }
        created = api_client_create(
            name=form.cleaned_data["name"], actor=request.user, **fields
        )
        obj.pk, obj.user = created.pk, created.user
        obj._state.adding = False

    def response_add(self, request, obj, post_url_continue=None):
        return _token_page(request, obj)

    @admin.action(description="Issue a new token (shown once)")
    def issue_token(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, "Choose one client to issue a token for.", messages.ERROR
            )
            return None
        return _token_page(request, queryset.get())


def _token_page(request, client: ApiClient) -> TemplateResponse:
    token = api_token_issue(client=client, actor=request.user)
    response = TemplateResponse(
        request,
        "api/token_issued.html",
        {
            **admin.site.each_context(request),
            "client": client,
            "token": token,
            "title": f"Token for {client}",
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdmin):
    list_display = ["prefix", "client", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["client"]
    readonly_fields = [
        "client",
        "prefix",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # issued from the client, so it can be shown once

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # nothing to edit: a token is only revoked (the action)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("api.change_apitoken")

    @admin.action(description="Revoke the selected tokens", permissions=["revoke"])
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
        self.message_user(request, f"{queryset.count()} token(s) revoked.")


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.display(description="referral")
def case_reference(record) -> str:
    """The hub's reference only: the admin role sees no one's name."""
    return record.case.reference if record.case_id else ""


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnlyAdmin):
    list_display = ["at", "client", "method", "path", "status", case_reference]
    list_filter = ["status", "method", "client"]
    date_hierarchy = "at"
    fields = ["at", "client", "method", "path", "status", case_reference]
    readonly_fields = fields


@admin.register(ApiReferral)
class ApiReferralAdmin(ReadOnlyAdmin):
    list_display = [case_reference, "client", "received_at", "idempotency_key"]
    list_filter = ["client"]
    fields = [case_reference, "client", "received_at", "idempotency_key"]
    readonly_fields = fields
