from django.urls import path

from . import views_admin, views_auth, views_people, views_session

app_name = "accounts"
urlpatterns = [
    path("login/", views_auth.login_view, name="login"),
    path("logout/", views_auth.logout_view, name="logout"),
    path("session/extend/", views_session.session_extend, name="session_extend"),
    path("verify/", views_auth.verify_view, name="verify"),
    path("two-factor/", views_auth.two_factor_setup, name="two_factor_setup"),
    path("two-factor/qr.svg", views_auth.two_factor_qr, name="two_factor_qr"),
    path("password/", views_auth.password_change, name="password_change"),
    path("profile/", views_auth.profile, name="profile"),
    path("register/", views_auth.register, name="register"),
    path("unit/members/", views_people.unit_members, name="unit_members"),
    path("unit/members/<int:pk>/toggle-active/", views_people.unit_member_toggle, name="unit_member_toggle"),
    path("expert/profile/", views_people.expert_profile, name="expert_profile"),
    path("expert/conflicts/<int:pk>/withdraw/", views_people.conflict_withdraw, name="conflict_withdraw"),
    path("expert/employments/<int:pk>/remove/", views_people.employment_remove, name="employment_remove"),
    path("experts/", views_people.expert_pool, name="expert_pool"),
    path("password/reset/", views_people.password_reset, name="password_reset"),
    path(
        "password/reset/<str:uidb64>/<str:token>/", views_people.password_reset_confirm, name="password_reset_confirm"
    ),
    path("admin/users/", views_admin.user_list, name="user_list"),
    path("admin/users/new/", views_admin.user_create, name="user_create"),
    path("admin/users/<int:pk>/", views_admin.user_edit, name="user_edit"),
    path("admin/users/<int:pk>/reset-password/", views_admin.user_reset_password, name="user_reset_password"),
    path("admin/users/<int:pk>/toggle-active/", views_admin.user_toggle_active, name="user_toggle_active"),
    path("security/", views_admin.security_home, name="security_home"),
    path("security/lockouts/<int:pk>/release/", views_admin.lockout_release, name="lockout_release"),
    path("security/users/", views_admin.security_users, name="security_users"),
    path("security/users/<int:pk>/reset-two-factor/", views_admin.two_factor_reset, name="two_factor_reset"),
]
