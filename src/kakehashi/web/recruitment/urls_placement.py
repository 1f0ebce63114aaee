"""Routes for SEA requests, placement and renewals; added to the app's urls.py."""

from django.urls import path

from kakehashi.web.recruitment import views_placement as views

urlpatterns = [
    path("sea-requests/", views.sea_requests, name="sea-requests"),
    path("sea-requests/<int:pk>/open/", views.sea_request_open, name="sea-open"),
    path("programs/<int:pk>/placement/", views.placement_page, name="placement"),
    path("programs/<int:pk>/placement/run/", views.placement_run, name="placement-run"),
    path("programs/<int:pk>/placement/<int:run_pk>/apply/", views.placement_apply, name="placement-apply"),
    path("programs/<int:pk>/renewals/", views.renewals_program, name="renewals"),
    path("renewal/", views.renewal_mine, name="renewal"),
]
