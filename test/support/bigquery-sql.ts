// The SQL the BigQuery double (bigquery-double.ts) understands: the read and count statements the
// BigQuery archive adapter generates (server/integrations/bigquery/build-query.ts), parsed into
// branches and predicates; any other text is refused as invalidQuery.
import { invalid } from "./bigquery-tables";

// ---- the query shapes ----

const BRANCH =
  /^ *SELECT TO_JSON_STRING\(t\) AS payload, UNIX_MICROS\((_PARTITIONTIME|t\.`[A-Za-z_][A-Za-z0-9_]*`)\) AS event_us, @([A-Za-z_]\w*) AS table_id, TO_HEX\(SHA256\(TO_JSON_STRING\(t\)\)\) AS row_hash\n *FROM `([^`\n]+)` AS t\n *WHERE ([^\n]+(?:\n *AND [^\n]+)*)$/;
const KEYSET =
  "WHERE event_us > @after_us OR (event_us = @after_us AND (table_id > @after_table OR (table_id = @after_table AND (row_hash > @after_hash OR (row_hash = @after_hash AND dup > @after_dup)))))";
const READ_HEAD = [
  "SELECT payload, event_us, table_id, row_hash, dup",
  "FROM (",
  "  SELECT *, ROW_NUMBER() OVER (PARTITION BY table_id, event_us, row_hash ORDER BY payload) AS dup",
  "  FROM (",
].join("\n");
const READ_TAIL =
  /^ {2}\)\n\)\n(?:(WHERE [^\n]+)\n)?ORDER BY event_us, table_id, row_hash, dup\nLIMIT @([A-Za-z_]\w*)$/;
const COUNT_HEAD = "SELECT COUNT(*) AS n\nFROM (\n";

export type Column = { kind: "partitiontime" } | { kind: "column"; name: string };

type Predicate =
  | { kind: "range"; column: Column; op: ">=" | "<"; param: string; micros: boolean }
  | { kind: "json"; op: "equals" | "prefix"; path: string; value: string };

interface Branch {
  time: Column;
  tableParam: string;
  fqn: string;
  predicates: Predicate[];
}

interface Parsed {
  kind: "read" | "count";
  branches: Branch[];
  keyset: boolean;
  limitParam?: string;
}

const columnOf = (text: string): Column =>
  text === "_PARTITIONTIME" ? { kind: "partitiontime" } : { kind: "column", name: text.slice(3, -1) };

const COL = "(_PARTITIONTIME|t\\.`[A-Za-z_][A-Za-z0-9_]*`)";
const PARAM = "@([A-Za-z_]\\w*)";
const RANGE_PAIR = new RegExp(`^${COL} >= ${PARAM} AND ${COL} < ${PARAM}$`);
const RANGE_MICROS = new RegExp(`^${COL} >= TIMESTAMP_MICROS\\(${PARAM}\\)$`);
const JSON_EQUALS = new RegExp(`^JSON_VALUE\\(TO_JSON_STRING\\(t\\), ${PARAM}\\) = ${PARAM}$`);
const JSON_PREFIX = new RegExp(
  `^STARTS_WITH\\(JSON_VALUE\\(TO_JSON_STRING\\(t\\), ${PARAM}\\), ${PARAM}\\)$`,
);

function parsePredicates(where: string): Predicate[] {
  return where.split(/\n *AND /).flatMap((text): Predicate[] => {
    let m = RANGE_PAIR.exec(text);
    if (m && m[1] === m[3]) {
      return [
        { kind: "range", column: columnOf(m[1]!), op: ">=", param: m[2]!, micros: false },
        { kind: "range", column: columnOf(m[3]!), op: "<", param: m[4]!, micros: false },
      ];
    }
    if ((m = RANGE_MICROS.exec(text)))
      return [{ kind: "range", column: columnOf(m[1]!), op: ">=", param: m[2]!, micros: true }];
    if ((m = JSON_EQUALS.exec(text))) return [{ kind: "json", op: "equals", path: m[1]!, value: m[2]! }];
    if ((m = JSON_PREFIX.exec(text))) return [{ kind: "json", op: "prefix", path: m[1]!, value: m[2]! }];
    throw invalid(`The double does not understand the predicate: ${text}`);
  });
}

function parseBranches(text: string): Branch[] {
  return text.split(/\n *UNION ALL\n/).map((part) => {
    const m = BRANCH.exec(part);
    if (!m) throw invalid(`The double does not understand the branch:\n${part}`);
    return { time: columnOf(m[1]!), tableParam: m[2]!, fqn: m[3]!, predicates: parsePredicates(m[4]!) };
  });
}

export function parseArchiveSql(sql: string): Parsed {
  if (sql.startsWith(READ_HEAD)) {
    const rest = sql.slice(READ_HEAD.length + 1);
    const tailAt = rest.lastIndexOf("\n  )\n)\n");
    if (tailAt < 0) throw invalid("Syntax error: unexpected end of the read statement");
    const tail = READ_TAIL.exec(rest.slice(tailAt + 1));
    if (!tail) throw invalid(`The double does not understand the read statement's tail`);
    if (tail[1] !== undefined && tail[1] !== KEYSET)
      throw invalid(`The double does not understand: ${tail[1]}`);
    return {
      kind: "read",
      branches: parseBranches(rest.slice(0, tailAt)),
      keyset: tail[1] !== undefined,
      limitParam: tail[2],
    };
  }
  if (sql.startsWith(COUNT_HEAD) && sql.endsWith("\n)")) {
    return { kind: "count", branches: parseBranches(sql.slice(COUNT_HEAD.length, -2)), keyset: false };
  }
  throw invalid("The double understands only the BigQuery archive's read and count statements");
}
