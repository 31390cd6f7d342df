from django.urls import path

from . import views

app_name = "reference"
urlpatterns = [
    path("calendar/", views.calendar_list, name="calendar"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
    path("calendar/<int:year>/days/add/", views.calendar_day_add, name="calendar_day_add"),
    path("calendar/days/<int:pk>/remove/", views.calendar_day_remove, name="calendar_day_remove"),
    path("calendar/<int:year>/confirm/", views.calendar_year_confirm, name="calendar_year_confirm"),
    path("calendar/<int:year>/withdraw/", views.calendar_year_withdraw, name="calendar_year_withdraw"),
]
