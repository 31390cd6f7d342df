from .report import AnnualReport, FigureComment, ReportEvent, ReportingYear, ReportReminder, ReportVersion

__all__ = ["AnnualReport", "FigureComment", "ReportEvent", "ReportReminder", "ReportVersion", "ReportingYear"]
