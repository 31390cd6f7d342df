"""Navigation reports as files: the .docx (`docx.report_docx`) with chart images drawn by matplotlib
(`charts.charts`) and the tables shared with the report page (`content.sections`)."""
