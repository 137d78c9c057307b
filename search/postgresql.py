"""SQL that only PostgreSQL runs: for the search app's migrations (other databases skip it), and
the one pass over the matches that gives the search page its ranked first results, the count of
each kind and the commune facet (``ranked_top_and_facet``)."""

from django.db import connection


def on_postgresql(sql):
    """A migration function running `sql` on PostgreSQL and doing nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def ranked_top_and_facet(matches, types, per_group, communes, commune=None, group_condition=None, listed=None):
    """One statement over the matches, found once (a materialised CTE):

    - the best ``per_group`` matches of each kind, best first, and each kind's count, among the
      matches in ``commune`` when one is chosen: rows ("top", kind, place, pk, content type,
      count, NULL); with ``listed`` (kind, first place, last place), also the matches of that kind
      at those places (the page of results of the kind chosen);
    - the number of matches in each commune, whatever the commune chosen, of the kind chosen
      (``group_condition``, SQL and params on the matches' ``content_type_id``): rows ("commune",
      commune name, NULL, commune id, NULL, count, commune slug). An action counts once per
      commune.

    ``matches`` is the search backend's own queryset of matches, ``values_list("pk",
    "content_type_id", <score>)``: the ordering is the backend's own (its ts_rank score, best
    first, then the newest page first on a tie), computed once per match instead of once per
    statement. ``types`` is {kind: [content type ids]}, the kind "pages" being the rest;
    ``communes`` (SQL, params) lists (page_id, commune_id) for every page with a commune.

    Before, the facet was a second statement that matched the words again and joined every page
    of the site to the five page tables before keeping the matches (100 ms of 20,000 pages for a
    word found on 8,348 of them): here only the matches are joined to the pages' communes."""
    matches_sql, matches_params = matches.query.sql_with_params()
    kind_sql, kind_params = kind_of("found.content_type_id", types)
    communes_sql, communes_params = communes
    in_commune, in_commune_params = "", []
    if commune is not None:
        in_commune = "WHERE pk IN (SELECT page_id FROM communes WHERE commune_id = %s)"
        in_commune_params = [commune]
    of_group, of_group_params = ("", []) if group_condition is None else group_condition
    also, also_params = "", []
    if listed is not None:
        also, also_params = " OR (kind = %s AND place BETWEEN %s AND %s)", list(listed)
    # Only SQL compiled by Django or made of placeholders is put in: every value is a parameter.
    # A SELECT around the WITH: tools that tell reads by their first word (the bench's EXPLAIN,
    # the tests' count of writes) see a read.
    sql = f"""SELECT * FROM (
        WITH matches AS MATERIALIZED (
            SELECT found.pk, found.content_type_id, found.score, ({kind_sql}) AS kind
            FROM ({matches_sql}) AS found (pk, content_type_id, score)
        ),
        communes (page_id, commune_id) AS ({communes_sql}),
        ranked AS (
            SELECT kind, pk, content_type_id,
                ROW_NUMBER() OVER (PARTITION BY kind ORDER BY score DESC, pk DESC) AS place,
                COUNT(*) OVER (PARTITION BY kind) AS total
            FROM matches {in_commune}
        )
        SELECT 'top' AS row, kind AS name, place, pk, content_type_id, total AS count, NULL AS slug
        FROM ranked WHERE place <= %s{also}
        UNION ALL
        SELECT 'commune', home_commune.name, NULL, home_commune.id, NULL, COUNT(*), home_commune.slug
        FROM matches JOIN communes ON communes.page_id = matches.pk
        JOIN home_commune ON home_commune.id = communes.commune_id
        {"WHERE " + of_group if of_group else ""}
        GROUP BY home_commune.id, home_commune.name, home_commune.slug
    ) AS ranked_top_and_facet"""  # noqa: S608
    params = [
        *kind_params,
        *matches_params,
        *communes_params,
        *in_commune_params,
        max(per_group, 1),
        *also_params,
        *of_group_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def kind_of(column, types):
    """(SQL, params): the kind of the page whose content type is ``column`` (see ``types`` above)."""
    whens, params = [], []
    for key, ids in types.items():
        if ids:
            whens.append(f"WHEN {column} IN ({', '.join(['%s'] * len(ids))}) THEN %s")
            params += [*ids, key]
    return f"CASE {' '.join(whens)} ELSE %s END", [*params, "pages"]
