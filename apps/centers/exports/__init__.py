"""The construction contract as documents: .docx in the official layout (`contract_docx`) and PDF
(`contract_pdf`), both from `contract_content.content(version)`."""
