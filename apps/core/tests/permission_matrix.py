from tests.permissions import EVERY_LOGGED_IN, Row

MATRIX = [Row("core:home", allow=EVERY_LOGGED_IN)]
