from . import matrix_consequences, matrix_dossier, matrix_rounds, matrix_scoring, matrix_systems

MATRIX = [
    *matrix_rounds.MATRIX,
    *matrix_systems.MATRIX,
    *matrix_scoring.MATRIX,
    *matrix_dossier.MATRIX,
    *matrix_consequences.MATRIX,
]
