from django.contrib import admin

from kakehashi.web.recruitment.models import (
    Application,
    Cycle,
    PlacementRequest,
    PlacementRun,
    RenewalIntent,
    SeaRequest,
)

admin.site.register([Cycle, SeaRequest, Application, PlacementRequest, PlacementRun, RenewalIntent])
