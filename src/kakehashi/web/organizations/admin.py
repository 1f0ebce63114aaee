from django.contrib import admin

from kakehashi.web.organizations.models import Contract, Organization, Program

admin.site.register(Program, list_display=("name", "name_ja", "kind"), search_fields=("name", "name_ja"))
admin.site.register(
    Organization,
    list_display=("name", "name_ja", "kind", "parent"),
    list_filter=("kind",),
    search_fields=("name", "name_ja"),
)
admin.site.register(
    Contract,
    list_display=("program", "organization", "type", "starts", "ends", "responsible_manager"),
    list_filter=("type",),
)
