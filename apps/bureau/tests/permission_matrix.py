from . import matrix_documents, matrix_questions, matrix_showcases

MATRIX = [*matrix_documents.MATRIX, *matrix_showcases.MATRIX, *matrix_questions.MATRIX]
