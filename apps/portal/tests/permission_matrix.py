from tests.permissions import Row

MATRIX = [Row("portal:landing", public=True)]
