"""The evaluation dossier as documents: the .docx and PDF packet the evaluator downloads (`content.py` lays the
dossier out once; `dossier_docx.py` and `dossier_pdf.py` write it)."""
