"""The annual work reports as documents: one report as .docx and PDF, a year as .zip and the .xlsx summary."""
