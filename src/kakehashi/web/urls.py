from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kakehashi.web.accounts.passwords import ThrottledPasswordResetView
from kakehashi.web.accounts.throttle import ThrottledAuthenticationForm
from kakehashi.web.core.languages import choose_language
from kakehashi.web.pages.people import views as people_views
from kakehashi.web.site import home

urlpatterns = [
    path("", home.home, name="home"),
    path("changes/", home.changes, name="changes"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Passwords (accounts/passwords.py): reset by an emailed link, and a signed-in user's own change.
    path("accounts/password/reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/changed/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Before Django's own: the same switch, and the choice kept for the user's notices and emails.
    path("i18n/setlang/", choose_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("schools/", include("kakehashi.web.pages.schools.urls")),
    path("people/", include("kakehashi.web.pages.people.urls")),
    path("programs/", include("kakehashi.web.pages.programs.urls")),
    path("jobs/", include("kakehashi.web.timetables.urls")),
    path("year/", include("kakehashi.web.calendars.urls")),
    # Notices first lived in the leave app; their page keeps its address.
    path("leave/notices/", include("kakehashi.web.notices.urls")),
    path("leave/", include("kakehashi.web.leave.urls")),
    path("workforce/", include("kakehashi.web.workforce.urls")),
    path("privacy/", include("kakehashi.web.privacy.urls")),
    path("recruit/", include("kakehashi.web.recruitment.urls")),
    path("duties/", include("kakehashi.web.duties.urls")),
    path("imports/", include("kakehashi.web.pages.imports.urls")),
    path("inbox/", include("kakehashi.web.inbox.urls")),
    path("balance/", include("kakehashi.web.yearbalance.urls")),
    path("calendar/<str:token>.ics", people_views.calendar_feed, name="calendar-feed"),
    path("api/", include("kakehashi.web.site.api_urls")),
    path("admin/", admin.site.urls),
]
