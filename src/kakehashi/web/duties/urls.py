from django.urls import path

from kakehashi.web.duties import lists, views, views_monthly, views_training

app_name = "duties"
urlpatterns = [
    path("", views.index, name="index"),
    # The participant's day
    path("report/", views.my_report, name="mine"),
    path("report/<str:date>/<str:action>/", views.my_report_action, name="act"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry-delete"),
    path("invitations/", views_training.my_invitations, name="invitations"),
    path("invitations/<int:pk>/<str:answer>/", views_training.respond, name="respond"),
    # Deciding
    path("queue/", views.queue, name="queue"),
    path("reports/", lists.report_list, name="list"),
    path("reports/approve/", lists.approve_many, name="approve-many"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/<str:decision>/", views.decide, name="decide"),
    path("people/<str:code>/", views.history, name="history"),
    # Programs, sessions and monthly reports
    path("programs/<int:pk>/", views_training.program_duties, name="program"),
    path("sessions/<int:pk>/", views_training.session_detail, name="session"),
    path("sessions/<int:pk>/invite/", views_training.session_invite, name="session-invite"),
    path("sessions/<int:pk>/attendance/", views_training.session_attendance, name="session-attendance"),
    path("schools/<str:code>/monthly/", views_monthly.school_monthly, name="school-monthly"),
    path("schools/<str:code>/monthly.<str:fmt>", views_monthly.school_monthly_file, name="school-monthly-file"),
    path("boards/<int:pk>/monthly/", views_monthly.board_monthly, name="board-monthly"),
    path("boards/<int:pk>/monthly.<str:fmt>", views_monthly.board_monthly_file, name="board-monthly-file"),
]
