from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BureauConfig(AppConfig):
    name = "apps.bureau"
    label = "bureau"
    verbose_name = _("Bureau administration")

    def ready(self):
        # Each part registers what it plugs into below its own line (the portal's landing sections and public
        # search, attachments' owners, the audit's confidential fields).

        # --- documents: the library of plans and rules
        from . import views_documents, workflow_documents  # noqa: F401

        views_documents.register()
        # --- showcases: good practice
        from . import views_showcases, workflow_showcases  # noqa: F401

        views_showcases.register()
        # --- questions: policy questions and the FAQ
        from . import views_questions, workflow_questions  # noqa: F401

        views_questions.register()
        # --- tasks: tasks assigned to prefecture offices
        from . import views_tasks, workflow_tasks  # noqa: F401

        views_tasks.register()
        return None
