from . import matrix_documents, matrix_questions, matrix_showcases, matrix_tasks

MATRIX = [*matrix_documents.MATRIX, *matrix_showcases.MATRIX, *matrix_questions.MATRIX, *matrix_tasks.MATRIX]
