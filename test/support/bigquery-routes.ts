// The BigQuery v2 REST endpoints the BigQuery double (bigquery-double.ts) implements: tables.get,
// jobs.query (with dryRun), jobs.getQueryResults (pageToken / maxResults), jobs.insert and jobs.get,
// with the jobs they create, their pages and the maximumBytesBilled check.
import { randomUUID } from "node:crypto";
import { evaluate, type QueryParameter, type Result } from "./bigquery-evaluate";
import { ApiFailure, invalid, type Table } from "./bigquery-tables";

export interface RecordedQuery {
  via: "jobs.query" | "jobs.insert";
  sql: string;
  parameters: QueryParameter[];
  parameterMode?: string;
  dryRun: boolean;
  location?: string;
  maxResults?: number;
}

interface Job {
  projectId: string;
  location: string;
  result: Result;
  resource: unknown;
  pollsLeft: number;
}

/**
 * The endpoints, as `handle` (method, path, query, JSON body → the answer, or throws an ApiFailure).
 * `double.defaultPageSize` and `double.runningPolls` are read at each request; every statement
 * received is appended to `recorded`.
 */
export function bigqueryRoutes(
  double: { defaultPageSize: number; runningPolls: number },
  tableFor: (fqn: string, location: string | undefined) => Table,
  recorded: RecordedQuery[],
) {
  const jobs = new Map<string, Job>();

  function checkBilling(bytes: number, maximumBytesBilled: unknown) {
    if (maximumBytesBilled !== undefined && bytes > Number(maximumBytesBilled)) {
      throw new ApiFailure(
        400,
        "bytesBilledLimitExceeded",
        `Query exceeded limit for bytes billed: ${maximumBytesBilled}. ${bytes} or higher required.`,
      );
    }
  }

  const pageToken = (jobId: string, offset: number) =>
    Buffer.from(`${jobId}:${offset}`).toString("base64url");

  function page(jobId: string, startToken: string | undefined, maxResults: number | undefined) {
    const job = jobs.get(jobId);
    if (!job) throw new ApiFailure(404, "notFound", `Not found: Job ${jobId}`);
    if (job.pollsLeft > 0) {
      job.pollsLeft -= 1;
      return {
        jobReference: { projectId: job.projectId, jobId, location: job.location },
        jobComplete: false,
        cacheHit: false,
      };
    }
    let offset = 0;
    if (startToken) {
      const [id, at] = Buffer.from(startToken, "base64url").toString().split(":");
      if (id !== jobId || !/^\d+$/.test(at ?? "")) throw new ApiFailure(400, "invalid", "Invalid page token");
      offset = Number(at);
    }
    const size = maxResults && maxResults > 0 ? maxResults : double.defaultPageSize;
    const rows = job.result.rows.slice(offset, offset + size);
    const next = offset + size < job.result.rows.length ? pageToken(jobId, offset + size) : undefined;
    return {
      jobReference: { projectId: job.projectId, jobId, location: job.location },
      schema: { fields: job.result.fields },
      totalRows: String(job.result.rows.length),
      rows: rows.map((r) => ({ f: r.map((v) => ({ v })) })),
      ...(next ? { pageToken: next } : {}),
      totalBytesProcessed: String(job.result.bytes),
      jobComplete: true,
      cacheHit: false,
    };
  }

  function jobResource(
    projectId: string,
    jobId: string,
    location: string,
    configuration: unknown,
    bytes: number,
  ) {
    return {
      kind: "bigquery#job",
      id: `${projectId}:${location}.${jobId}`,
      jobReference: { projectId, jobId, location },
      configuration,
      status: { state: "DONE" },
      statistics: {
        totalBytesProcessed: String(bytes),
        query: { totalBytesProcessed: String(bytes), cacheHit: false },
      },
    };
  }

  function handle(
    method: string,
    path: string,
    search: URLSearchParams,
    body: Record<string, unknown>,
  ): unknown {
    let m = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const [projectId, datasetId, tableId] = m.slice(1).map(decodeURIComponent) as [string, string, string];
      const table = tableFor(`${projectId}.${datasetId}.${tableId}`, undefined);
      return {
        kind: "bigquery#table",
        id: `${projectId}:${datasetId}.${tableId}`,
        tableReference: { projectId, datasetId, tableId },
        schema: { fields: table.schema },
        timePartitioning: { type: "DAY", ...(table.partitionField ? { field: table.partitionField } : {}) },
        numRows: String(table.rows.length),
        location: table.location ?? "US",
        type: "TABLE",
      };
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/.exec(path);
    if (m && method === "POST") {
      const projectId = decodeURIComponent(m[1]!);
      const sql = String(body.query ?? "");
      const location = typeof body.location === "string" ? body.location : undefined;
      const parameters = (body.queryParameters as QueryParameter[] | undefined) ?? [];
      const dryRun = body.dryRun === true;
      const maxResults = body.maxResults === undefined ? undefined : Number(body.maxResults);
      recorded.push({
        via: "jobs.query",
        sql,
        parameters,
        parameterMode: body.parameterMode as string,
        dryRun,
        location,
        maxResults,
      });
      if (body.useLegacySql !== false)
        throw invalid("The double speaks GoogleSQL only (useLegacySql: false)");
      const result = evaluate(sql, parameters, location, tableFor);
      if (dryRun) {
        return {
          kind: "bigquery#queryResponse",
          jobReference: { projectId, location: location ?? "US" },
          schema: { fields: result.fields },
          totalBytesProcessed: String(result.bytes),
          jobComplete: true,
          cacheHit: false,
        };
      }
      checkBilling(result.bytes, body.maximumBytesBilled);
      const jobId = `job_${randomUUID().replaceAll("-", "")}`;
      jobs.set(jobId, {
        projectId,
        location: location ?? "US",
        result,
        resource: null,
        pollsLeft: double.runningPolls,
      });
      return { kind: "bigquery#queryResponse", ...page(jobId, undefined, maxResults) };
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const maxResults = search.get("maxResults");
      return {
        kind: "bigquery#getQueryResultsResponse",
        ...page(
          decodeURIComponent(m[2]!),
          search.get("pageToken") ?? undefined,
          maxResults ? Number(maxResults) : undefined,
        ),
      };
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(path);
    if (m && method === "POST") {
      const projectId = decodeURIComponent(m[1]!);
      const configuration = (body.configuration ?? {}) as Record<string, unknown>;
      const query = (configuration.query ?? {}) as Record<string, unknown>;
      const reference = (body.jobReference ?? {}) as { jobId?: string; location?: string };
      const jobId = reference.jobId ?? `job_${randomUUID()}`;
      const location = reference.location;
      const sql = String(query.query ?? "");
      const parameters = (query.queryParameters as QueryParameter[] | undefined) ?? [];
      const dryRun = configuration.dryRun === true;
      recorded.push({
        via: "jobs.insert",
        sql,
        parameters,
        parameterMode: query.parameterMode as string,
        dryRun,
        location,
      });
      if (query.useLegacySql !== false)
        throw invalid("The double speaks GoogleSQL only (useLegacySql: false)");
      if (jobs.has(jobId))
        throw new ApiFailure(409, "duplicate", `Already Exists: Job ${projectId}:${jobId}`);
      const result = evaluate(sql, parameters, location, tableFor);
      const resource = jobResource(projectId, jobId, location ?? "US", configuration, result.bytes);
      if (!dryRun) {
        checkBilling(result.bytes, query.maximumBytesBilled);
        jobs.set(jobId, { projectId, location: location ?? "US", result, resource, pollsLeft: 0 });
      }
      return resource;
    }
    m = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const job = jobs.get(decodeURIComponent(m[2]!));
      if (!job) throw new ApiFailure(404, "notFound", `Not found: Job ${m[1]}:${m[2]}`);
      return job.resource ?? jobResource(job.projectId, m[2]!, job.location, {}, job.result.bytes);
    }
    throw new ApiFailure(404, "notFound", `The double does not implement ${method} ${path}`);
  }

  return { handle, jobs };
}
