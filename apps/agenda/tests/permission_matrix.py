MATRIX = []
