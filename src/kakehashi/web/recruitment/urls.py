"""Recruitment's routes, under /recruit/."""

from django.urls import path

from kakehashi.web.recruitment import signup, urls_placement, views_pipeline, views_public

app_name = "recruitment"

# Applicants apply, coordinators run the pipeline.
urlpatterns = [
    path("", views_public.open_posts, name="open"),
    path("signup/", signup.signup, name="signup"),
    path("signup/sent/", signup.signup_sent, name="signup-sent"),
    path("signup/finish/<str:token>/", signup.signup_finish, name="signup-finish"),
    path("mine/", views_public.mine, name="mine"),
    path("mine/<int:pk>/withdraw/", views_public.withdraw, name="withdraw"),
    path("documents/<int:pk>/", views_public.document, name="document"),
    path("<int:pk>/", views_public.cycle_page, name="cycle"),
    path("<int:pk>/apply/", views_public.apply, name="apply"),
    path("programs/<int:pk>/cycles/", views_pipeline.cycles, name="cycles"),
    path("programs/<int:pk>/cycles/new/", views_pipeline.cycle_create, name="cycle-new"),
    path("cycles/<int:pk>/edit/", views_pipeline.cycle_edit, name="cycle-edit"),
    path("cycles/<int:pk>/applications/", views_pipeline.applications, name="applications"),
    path("cycles/<int:pk>/applications/move/", views_pipeline.applications_move, name="applications-move"),
    path("applications/<int:pk>/", views_pipeline.application_detail, name="application"),
    path("applications/<int:pk>/move/", views_pipeline.application_move, name="application-move"),
    path("applications/<int:pk>/interview/", views_pipeline.interview, name="interview"),
]

# Contracting organizations ask for SEAs and posts, coordinators place, participants renew.
urlpatterns += urls_placement.urlpatterns
