from django.contrib import admin

from kakehashi.web.notices.models import Notice

admin.site.register(Notice)
