from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts.models import User
from apps.core import request_context
from apps.demo import accounts

# Apps contribute demo data with a `demo.load(users)` function; listed in dependency order. What a load returns is
# kept in `users["loaded"][path]` for the apps above it (the patents' demo works on the centers' demo centers).
DOMAIN_DEMOS = [
    "apps.reference.demo",
    "apps.demands.demo",
    "apps.calls.demo",
    "apps.applications.demo",
    "apps.centers.demo",
    "apps.patents.demo",
    "apps.reports.demo",
    "apps.navigation.demo",
    "apps.bureau.demo",
    "apps.evaluations.demo",
    "apps.monitoring.demo",
    "apps.notifications.demo",
]

LOGINS = [
    ("sysadmin", "系统管理员"),
    ("secadmin", "安全管理员"),
    ("auditadmin", "审计管理员"),
    ("regional", "自治区知识产权局工作人员"),
    ("pref_150200", "包头市局审核员（其他盟市：pref_<行政区划代码>）"),
    ("expert1", "专家（expert1–expert6）"),
    ("evaluator", "第三方评估机构（绩效评价：评价档案与打分）"),
    ("rare_earth_admin", "单位管理员（包头稀土）"),
    ("rare_earth_staff", "单位用户"),
    ("imu_admin", "单位管理员（内蒙古大学）"),
    ("dairy_admin", "单位管理员（乳业公司）"),
    ("institute_admin", "单位管理员（稀土研究院：年度工作报告）"),
    ("chifeng_admin", "待审核单位的管理员"),
]


def _silence_demo_emails() -> None:
    """Demo history is not news: mark its inbox messages as emailed and drop the queued email jobs, so the worker
    does not flood the console with a hundred demo emails at start-up."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from apps.notifications.models import Message

    Message.objects.filter(emailed_at__isnull=True).update(emailed_at=timezone.now())
    DBTaskResult.objects.filter(task_path="apps.notifications.tasks.send_message_emails").delete()


class Command(BaseCommand):
    help = "Load demo data for every role (idempotent: does nothing if already loaded) and print the logins."

    def handle(self, *args, **options):
        if not User.objects.filter(username="regional").exists():
            with transaction.atomic(), request_context.acting_as(source="command"):
                users = accounts.load()
                for path in DOMAIN_DEMOS:
                    try:
                        module = import_module(path)
                    except ModuleNotFoundError as exc:
                        if exc.name != path:
                            raise
                        continue
                    users.setdefault("loaded", {})[path] = module.load(users)
            _silence_demo_emails()  # after the commit: the email jobs are enqueued on commit
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data already present.")
        self.stdout.write(f"\n演示账号（密码均为 {accounts.DEMO_PASSWORD}）：")
        for username, label in LOGINS:
            self.stdout.write(f"  {username:<18} {label}")
        self.stdout.write(
            "\n除单位账号外，登录需要两步验证。把下列密钥加入手机上的身份验证器（TOTP）应用：\n"
            f"  {accounts.totp_secret_base32()}\n"
            "或在另一个终端运行  .venv/bin/python manage.py demo_otp  显示当前验证码。\n"
        )
