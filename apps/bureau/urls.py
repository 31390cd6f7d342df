"""The bureau's pages: /bureau/… (one block per part, each block owned by its views module); the public pages of
published documents, showcases and FAQ entries are under /bureau/ too, open to everyone."""

from . import urls_documents, urls_questions, urls_showcases, urls_tasks

app_name = "bureau"

urlpatterns = [
    *urls_documents.urlpatterns,  # plans, rules and guides: the library, versions, publishing, the public pages
    *urls_showcases.urlpatterns,  # good practice: written or proposed, published on the public site
    *urls_questions.urlpatterns,  # policy questions, answers and the public FAQ
    *urls_tasks.urlpatterns,  # tasks assigned to prefecture offices, their results, the region's board
]
