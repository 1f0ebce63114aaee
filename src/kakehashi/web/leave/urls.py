from django.urls import path

from kakehashi.web.leave import lists, offer_views, views

app_name = "leave"
urlpatterns = [
    path("", views.my_leave, name="mine"),
    path("absent/", views.report_absence, name="report"),
    path("requests/", lists.leave_list, name="list"),
    path("requests/decide/", lists.decide_many, name="decide-many"),
    path("absences/", lists.absence_list, name="absences-list"),
    path("requests/<int:pk>/cancel/", views.cancel_request, name="cancel"),
    path("requests/<int:pk>/<str:decision>/", views.decide_request, name="decide"),
    path("programs/<int:pk>/", views.program_leave, name="program"),
    path("programs/<int:pk>/absences/", views.absences_panel, name="absences"),
    path("programs/<int:pk>/covers/<str:date>/propose/", views.propose, name="propose"),
    path("programs/<int:pk>/covers/<int:cover_pk>/confirm/", views.confirm, name="confirm"),
    path("programs/<int:pk>/fill-rate/", views.fill_rate, name="fill-rate"),
    path("offers/<int:pk>/", offer_views.offer, name="offer"),
    path("programs/<int:pk>/offers/<str:date>/<str:code>/send/", offer_views.send, name="offer-send"),
    path("programs/<int:pk>/offers/<int:offer_pk>/pick/<int:candidate_pk>/", offer_views.pick, name="offer-pick"),
    path("programs/<int:pk>/offers/<int:offer_pk>/withdraw/", offer_views.withdraw, name="offer-withdraw"),
    path("programs/<int:pk>/substitute-lists/", offer_views.substitute_lists, name="substitute-lists"),
]
