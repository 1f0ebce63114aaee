from django.contrib import admin

from kakehashi.web.leave.models import Cover, LeaveEntitlement, LeaveRequest, WeekendWork

admin.site.register([LeaveEntitlement, LeaveRequest, WeekendWork, Cover])
