from django.contrib import admin

from kakehashi.web.accounts.models import Role

admin.site.register(
    Role, list_display=("user", "kind", "program", "organization", "participant"), list_filter=("kind",)
)
