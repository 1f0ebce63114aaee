from django.contrib import admin

from kakehashi.web.core.models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin[Change]):
    list_display = ("at", "user", "action", "model", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("object_repr", "object_id")
    readonly_fields = [f.name for f in Change._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # the audit trail is not deleted by anyone, administrators included

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
