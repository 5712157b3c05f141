// The catalog searches the benchmark times: the API's query string, and one hand-written SQL
// statement producing the same page and, in every row, the total.

export interface Scenario {
  label: string;
  /** The API's query string. */
  query: string;
  /** One hand-written statement giving the same page and, in every row, the total. */
  sql: string;
}

// The raw form: the page plus the total as an uncorrelated scalar subquery (evaluated once, as an
// InitPlan) over the same WHERE. This lets PostgreSQL read the page straight off the name index
// for unfiltered lists; `count(*) OVER ()` would join and count every matching row before LIMIT,
// which made it 3-5x slower than this on the unfiltered and deep pages.
const from = `FROM "Service" s JOIN "Team" t ON t.id = s."teamId"`;
const page = (
  where: string,
  orderAndLimit: string,
) => `SELECT s.name, s.product, s.description, s.kind, s.regions, s.lifecycle, s."isDemo", s."createdAt",
       t.name AS "teamName", t."displayName" AS "teamDisplayName",
       (SELECT count(*) ${from} ${where}) AS total
${from} ${where}
${orderAndLimit}`;

export const scenarios: Scenario[] = [
  {
    label: "first page",
    query: "",
    sql: page("", "ORDER BY s.name ASC LIMIT 50 OFFSET 0"),
  },
  {
    label: "search q=pay",
    query: "q=pay",
    sql: page(
      `WHERE (s.name ILIKE '%pay%' OR s.description ILIKE '%pay%' OR t.name ILIKE '%pay%' OR t."displayName" ILIKE '%pay%')`,
      "ORDER BY s.name ASC LIMIT 50 OFFSET 0",
    ),
  },
  {
    label: "kind + region",
    query: "kind=event-receiver&region=europe-west1",
    sql: page(
      `WHERE s.kind = 'event-receiver' AND s.regions && ARRAY['europe-west1']`,
      "ORDER BY s.name ASC LIMIT 50 OFFSET 0",
    ),
  },
  {
    label: "team + lifecycle, newest",
    query: "team=checkout&lifecycle=live&sort=created&dir=desc",
    sql: page(
      `WHERE t.name = 'checkout' AND s.lifecycle = 'live'`,
      `ORDER BY s."createdAt" DESC, s.name ASC LIMIT 50 OFFSET 0`,
    ),
  },
  {
    label: "deep page 40",
    query: "page=40&pageSize=50",
    sql: page("", "ORDER BY s.name ASC LIMIT 50 OFFSET 1950"),
  },
];
