"""Small strategy documents for tests, in the format of home/strategy/demo_data/SCHEMA.md."""

STATUSES = ["done", "in_progress", "planned", "considered", "to_define"]


def action(code, status="planned", **extra):
    return {
        "code": code,
        "title": {"fr": f"Action {code}", "en": f"Action {code} (EN)"},
        "status": status,
        "source_ref": "test",
        **extra,
    }


def document(actions_count=6, slug="feuille-test", bilingual=False):
    """A document with two axes sharing ``actions_count`` actions, cycling through statuses,
    themes, tags and communes."""

    def t(fr, en):
        return {"fr": fr, "en": en} if bilingual else {"fr": fr}

    axes = []
    for axis in (1, 2):
        actions = []
        for index in range(actions_count // 2):
            number = (axis - 1) * (actions_count // 2) + index
            actions.append(
                action(
                    f"{axis}.{index + 1}",
                    status=STATUSES[number % len(STATUSES)],
                    title=t(f"Action {axis}.{index + 1}", f"Action {axis}.{index + 1} in English"),
                    themes=["tiers-lieux"] if number % 2 == 0 else ["mobilite"],
                    tags=["Dématérialisation"] if number % 3 == 0 else ["Equité"],
                    communes=["Bavay"] if number % 4 == 0 else [],
                    description=t(f"<p>Texte {number}.</p>", f"<p>Text {number}.</p>"),
                    budget_lines=[{"raw": "10 000 € HT", "amount": 10000, "unit": "eur_ht"}] if number == 0 else [],
                )
            )
        axes.append(
            {
                "level": t("Axe", "Axis"),
                "number": str(axis),
                "title": t(f"Axe numéro {axis}", f"Axis number {axis}"),
                "source_ref": "test",
                "actions": actions,
            }
        )
    axes[0]["actions"][0]["related"] = [{"code": "2.1", "note": t("Même public", "Same public")}]
    return {
        "source_file": "test.txt",
        "territory": "test",
        "slug": t(slug, slug + "-en"),
        "title": t("Feuille de route de test", "Test roadmap"),
        "kind": "feuille_de_route",
        "period_start": 2023,
        "period_end": 2025,
        "level_labels": [t("Axe", "Axis")],
        "funding_sources": [],
        "sections": axes,
    }


def query_counts(client, paths):
    """The number of queries of each GET of ``paths`` (all answering 200), once the
    per-process caches are warm."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts.append(len(queries))
    return counts
