from . import matrix_datasets, matrix_reports, matrix_search

MATRIX = [*matrix_datasets.MATRIX, *matrix_reports.MATRIX, *matrix_search.MATRIX]
