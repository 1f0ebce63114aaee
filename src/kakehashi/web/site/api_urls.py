"""The API's routes, under /api/: each app's viewsets (in its api.py) on one router, the user's token, and
the OpenAPI schema with its Swagger UI (files served by this site, from drf-spectacular-sidecar)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from kakehashi.web.api import views
from kakehashi.web.calendars import api as calendars
from kakehashi.web.duties import api as duties
from kakehashi.web.duties import api_training as training
from kakehashi.web.leave import api as leave
from kakehashi.web.leave import api_covers as covers
from kakehashi.web.notices import api as notices
from kakehashi.web.pages.imports import api as imports
from kakehashi.web.pages.people import api as people
from kakehashi.web.pages.programs import api as organizations
from kakehashi.web.pages.schools import api as schools
from kakehashi.web.privacy import api as privacy
from kakehashi.web.recruitment import api as recruitment
from kakehashi.web.recruitment import api_placement as placement
from kakehashi.web.timetables import api as timetables
from kakehashi.web.timetables import api_edits as week_edits
from kakehashi.web.workforce import api as workforce

app_name = "api"

# Paths, not regular expressions: each id's type (a number, a timetable id) is in the path and the schema.
# No format suffixes (.json): JSON is the only format; the documentation is the index.
router = SimpleRouter(use_regex_path=False)
router.register("programs", organizations.ProgramViewSet, basename="program")
router.register("organizations", organizations.OrganizationViewSet, basename="organization")
router.register("contracts", organizations.ContractViewSet, basename="contract")
router.register("schools", schools.SchoolViewSet, basename="school")
router.register("bell-periods", schools.BellPeriodViewSet, basename="bell-period")
router.register("homerooms", schools.HomeroomViewSet, basename="homeroom")
router.register("lesson-slots", schools.LessonSlotViewSet, basename="lesson-slot")
router.register("change-requests", schools.ChangeRequestViewSet, basename="change-request")
router.register("participants", people.ParticipantViewSet, basename="participant")
router.register("placements", people.PlacementViewSet, basename="placement")
router.register("timetable-versions", timetables.TimetableVersionViewSet, basename="timetable-version")
router.register("solve-jobs", timetables.SolveJobViewSet, basename="solve-job")
router.register("events", calendars.EventViewSet, basename="event")
router.register("leave-requests", leave.LeaveRequestViewSet, basename="leave-request")
router.register("weekend-work", leave.WeekendWorkViewSet, basename="weekend-work")
router.register("leave-entitlements", leave.EntitlementViewSet, basename="leave-entitlement")
router.register("notices", notices.NoticeViewSet, basename="notice")
router.register("covers", covers.CoverViewSet, basename="cover")
router.register("cycles", recruitment.CycleViewSet, basename="cycle")
router.register("applications", recruitment.ApplicationViewSet, basename="application")
router.register("sea-requests", placement.SeaRequestViewSet, basename="sea-request")
router.register("placement-requests", placement.PlacementRequestViewSet, basename="placement-request")
router.register("placement-runs", placement.PlacementRunViewSet, basename="placement-run")
router.register("renewal-intents", placement.RenewalIntentViewSet, basename="renewal-intent")
router.register("daily-reports", duties.DailyReportViewSet, basename="daily-report")
router.register("training-sessions", training.TrainingSessionViewSet, basename="training-session")
router.register("invitations", training.InvitationViewSet, basename="invitation")
router.register("access-log", privacy.AccessLogViewSet, basename="access-log")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("me/data/", privacy.MyDataView.as_view(), name="my-data"),
    path("workforce/", workforce.WorkforceView.as_view(), name="workforce"),
    path("week-edits/", week_edits.WeekEditView.as_view(), name="week-edits"),
    path("imports/", imports.ImportView.as_view(), name="imports"),
    path("token/", views.TokenView.as_view(), name="token"),
    path("token/page/", views.token_page, name="token-page"),
    path("auth/token/", views.LoginTokenView.as_view(), name="login-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view sends its start-up script as a file of its own: no inline script for the CSP to refuse.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
