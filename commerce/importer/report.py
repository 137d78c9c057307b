"""What an import did (or, in a dry run, would do), row by row: read by the command's output and
the admin's report page (``templates/commerce/admin/import_report.html``)."""

from dataclasses import dataclass, field


@dataclass
class RowResult:
    line: int
    outcome: str  # created, updated, unchanged or rejected
    name: str = ""
    key: str = ""
    reasons: list = field(default_factory=list)  # why the row was rejected
    changes: list = field(default_factory=list)  # fields an update changes
    notes: list = field(default_factory=list)
    page_id: int | None = None
    # Languages of the site in which the merchant has no page yet (translators' to-do list).
    missing_languages: list = field(default_factory=list)

    @property
    def reason(self):
        return "; ".join(self.reasons)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    dry_run: bool
    delimiter: str = ";"
    encoding: str = "utf-8"
    rows: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    seconds: float = 0.0

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def created(self):
        return self.count("created")

    @property
    def updated(self):
        return self.count("updated")

    @property
    def unchanged(self):
        return self.count("unchanged")

    @property
    def rejected(self):
        return self.count("rejected")

    @property
    def untranslated_rows(self):
        return [row for row in self.rows if row.missing_languages]

    @property
    def rejected_rows(self):
        return [row for row in self.rows if row.outcome == "rejected"]

    def summary(self):
        verb = "would be " if self.dry_run else ""
        return (
            f"{len(self.rows)} rows: {self.created} {verb}created, {self.updated} {verb}updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
            + (f", {len(self.untranslated_rows)} with no English version yet" if self.untranslated_rows else "")
        )
