from django.contrib import admin

from kakehashi.web.duties.models import DailyReport, DutyEntry, Invitation, TrainingSession

admin.site.register([DailyReport, DutyEntry, TrainingSession, Invitation])
