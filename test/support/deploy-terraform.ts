import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseHcl, type HclJson } from "@/server/integrations/hcl/hcl";

// Reads terraform/ (Meridian's own deployment) with HashiCorp's parser and answers questions about
// it: the blocks of every file merged into one configuration, the IAM grants with the roles they
// resolve to, and what breaks the least-privilege rules of terraform/iam.tf.

export const TERRAFORM_DIR = path.resolve(import.meta.dirname, "..", "..", "terraform");

/* eslint-disable @typescript-eslint/no-explicit-any -- hcl2json answers untyped Terraform JSON */
export type Body = Record<string, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface TerraformFile {
  /** Relative to the repository, e.g. terraform/main.tf. */
  path: string;
  content: string;
  json: HclJson;
}

export interface Configuration {
  resources: Record<string, Record<string, Body>>;
  data: Record<string, Record<string, Body>>;
  modules: Record<string, Body>;
  variables: Record<string, Body>;
  outputs: Record<string, Body>;
  /** Each local's expression as hcl2json writes it: a literal, or `${…}` holding the expression text. */
  locals: Record<string, unknown>;
}

/** Every file of terraform/ whose name ends in `suffix`, parsed. */
export async function readTerraform(suffix = ".tf"): Promise<TerraformFile[]> {
  const names = (await readdir(TERRAFORM_DIR)).filter((name) => name.endsWith(suffix)).sort();
  return Promise.all(
    names.map(async (name) => {
      const content = await readFile(path.join(TERRAFORM_DIR, name), "utf8");
      const relative = `terraform/${name}`;
      return { path: relative, content, json: await parseHcl(relative, content) };
    }),
  );
}

/** The files' blocks as one configuration; a block defined twice is an error, as in Terraform. */
export function mergeConfiguration(files: readonly TerraformFile[]): Configuration {
  const config: Configuration = {
    resources: {},
    data: {},
    modules: {},
    variables: {},
    outputs: {},
    locals: {},
  };
  const add = (into: Record<string, Body>, name: string, bodies: Body[], what: string) => {
    if (name in into || bodies.length !== 1) throw new Error(`${what} "${name}" is defined more than once`);
    into[name] = bodies[0]!;
  };
  for (const { json } of files) {
    const j = json as Body;
    for (const kind of ["resource", "data"] as const)
      for (const [type, byName] of Object.entries((j[kind] ?? {}) as Record<string, Record<string, Body[]>>))
        for (const [name, bodies] of Object.entries(byName)) {
          const into = kind === "resource" ? config.resources : config.data;
          add((into[type] ??= {}), name, bodies, `${kind} ${type}`);
        }
    for (const [name, bodies] of Object.entries((j.module ?? {}) as Record<string, Body[]>))
      add(config.modules, name, bodies, "module");
    for (const [name, bodies] of Object.entries((j.variable ?? {}) as Record<string, Body[]>))
      add(config.variables, name, bodies, "variable");
    for (const [name, bodies] of Object.entries((j.output ?? {}) as Record<string, Body[]>))
      add(config.outputs, name, bodies, "output");
    for (const block of (j.locals ?? []) as Body[])
      for (const [name, value] of Object.entries(block)) {
        if (name in config.locals) throw new Error(`local "${name}" is defined more than once`);
        config.locals[name] = value;
      }
  }
  return config;
}

/** `${local.x}` → the text of local x's expression (one level), anything else as it is. */
function expand(config: Configuration, expression: unknown): string {
  const text = typeof expression === "string" ? expression : JSON.stringify(expression ?? "");
  const local = /^\$\{local\.([A-Za-z0-9_-]+)\}$/.exec(text);
  return local ? JSON.stringify(config.locals[local[1]!] ?? "") : text;
}

export interface Grant {
  /** `google_project_iam_member.meridian`. */
  address: string;
  type: string;
  body: Body;
  /** The roles it may grant: `roles/…` literals, or `custom:<resource name>` for a custom role. */
  roles: string[];
}

const IAM_RESOURCE = /_iam_(member|binding|policy)$/;

/** Every IAM grant, with its role resolved through `for_each` and locals to the literal roles. */
export function iamGrants(config: Configuration): Grant[] {
  const grants: Grant[] = [];
  for (const [type, byName] of Object.entries(config.resources)) {
    if (!IAM_RESOURCE.test(type)) continue;
    for (const [name, body] of Object.entries(byName)) {
      const role = String(body.role ?? "");
      const custom = /^\$\{google_project_iam_custom_role\.([A-Za-z0-9_-]+)\.id\}$/.exec(role);
      let roles: string[];
      if (custom) roles = [`custom:${custom[1]}`];
      else if (role === "${each.value}")
        roles = [...expand(config, body.for_each).matchAll(/roles\/[A-Za-z0-9_.]+/g)].map((m) => m[0]);
      else roles = [role];
      grants.push({ address: `${type}.${name}`, type, body, roles });
    }
  }
  return grants;
}

/** The portal's service account as an IAM member, the way iam.tf writes it. */
export const PORTAL_MEMBER = "serviceAccount:${google_service_account.meridian.email}";
const PORTAL_MEMBER_REF = "${local.member}";

/** Granted on the project to the portal, and why each is needed (terraform/iam.tf). */
export const PROJECT_ROLES = new Set([
  "roles/monitoring.viewer",
  "roles/bigquery.jobUser",
  "roles/cloudsql.client",
]);

/** Every permission the live tails' custom role may hold. */
export const TAIL_PERMISSIONS = new Set([
  "pubsub.subscriptions.consume",
  "pubsub.subscriptions.create",
  "pubsub.subscriptions.delete",
  "pubsub.subscriptions.get",
]);

const FORBIDDEN_ROLE =
  /^roles\/(owner|editor|viewer|iam\.serviceAccount(User|TokenCreator|Admin)|[a-z]+\.(admin|editor))$/;

/** Everything in the configuration that breaks the least-privilege rules of terraform/iam.tf. */
export function leastPrivilegeProblems(config: Configuration): string[] {
  const problems: string[] = [];
  if (config.locals.member !== PORTAL_MEMBER)
    problems.push(
      `local.member is ${JSON.stringify(config.locals.member)}, not the portal's service account`,
    );
  const customRoles = config.resources.google_project_iam_custom_role ?? {};

  for (const grant of iamGrants(config)) {
    const { address, type, body, roles } = grant;
    const members = [body.member, ...(Array.isArray(body.members) ? body.members : [])]
      .filter((m) => m !== undefined)
      .map(String);
    if (/_iam_(binding|policy)$/.test(type))
      problems.push(`${address}: authoritative IAM (${type}) would remove grants made elsewhere`);
    if (members.some((m) => /allUsers|allAuthenticatedUsers/.test(m)))
      problems.push(`${address}: grants to allUsers or allAuthenticatedUsers`);
    if (roles.length === 0 || roles.some((r) => r === "" || r.includes("${")))
      problems.push(`${address}: role ${JSON.stringify(body.role)} does not resolve to literal roles`);
    for (const role of roles) {
      if (FORBIDDEN_ROLE.test(role)) problems.push(`${address}: grants ${role}`);
      if (role.startsWith("roles/secretmanager."))
        problems.push(
          `${address}: grants ${role} outside the secret modules (each grants it on its own secret)`,
        );
      if (role === "roles/pubsub.publisher")
        problems.push(
          `${address}: grants roles/pubsub.publisher; the broker's authoritative binding owns it, use extra_publishers`,
        );
      if (role === "roles/bigquery.dataViewer" && type !== "google_bigquery_dataset_iam_member")
        problems.push(`${address}: roles/bigquery.dataViewer beyond a dataset (${type})`);
      if (role === "roles/bigquery.dataViewer" && type === "google_bigquery_dataset_iam_member") {
        const dataset = expand(config, body.dataset_id);
        if (dataset !== JSON.stringify('cloudevents_${replace(var.recorder, "-", "_")}'))
          problems.push(`${address}: roles/bigquery.dataViewer on ${dataset}, not the recorder's dataset`);
      }
      if (role === "roles/pubsub.subscriber") {
        const onBrokerTopics =
          type === "google_pubsub_topic_iam_member" &&
          body.topic === "${each.value}" &&
          body.for_each === "${local.broker_topics}" &&
          String(config.locals.broker_topics).includes('"${var.broker}-${region}"');
        if (!onBrokerTopics) problems.push(`${address}: roles/pubsub.subscriber beyond the broker's topics`);
      }
      if (role.startsWith("custom:")) {
        const custom = customRoles[role.slice("custom:".length)];
        const permissions = (custom?.permissions ?? []) as string[];
        if (!custom) problems.push(`${address}: custom role ${role} is not defined here`);
        for (const p of permissions)
          if (!TAIL_PERMISSIONS.has(p)) problems.push(`${address}: custom role grants ${p}`);
      }
    }

    if (type === "google_project_iam_member" || type === "google_project_iam_binding") {
      if (members.some((m) => m !== PORTAL_MEMBER_REF && m !== PORTAL_MEMBER))
        problems.push(`${address}: a project-level grant to someone other than the portal`);
      for (const role of roles)
        if (!PROJECT_ROLES.has(role) && !role.startsWith("custom:"))
          problems.push(`${address}: ${role} on the whole project`);
      if (roles.includes("roles/cloudsql.client")) {
        const expression = String(body.condition?.[0]?.expression ?? "");
        if (!expression.includes("instances/${google_sql_database_instance.meridian.name}"))
          problems.push(`${address}: roles/cloudsql.client not conditioned on Meridian's instance`);
      }
    }
    if (type === "google_iap_web_iam_member" || type === "google_iap_web_iam_binding")
      problems.push(`${address}: IAP access on every IAP resource of the project, not the portal's backend`);
  }

  for (const [label, body] of Object.entries(config.modules)) {
    if (!String(body.source).endsWith("//modules/secret")) continue;
    if (body["service-account"] !== "${google_service_account.meridian.email}" || "service-accounts" in body)
      problems.push(`module.${label}: the secret's accessor is not the portal's service account alone`);
  }

  const service = config.modules.service;
  if (service?.require_authenticated_invocations !== true)
    problems.push(
      "module.service: without require_authenticated_invocations the module grants allUsers run.invoker",
    );
  if (
    service?.enable_observability_iam !== false &&
    service?.observability_role !== "${google_project_iam_custom_role.telemetry.id}"
  )
    problems.push(
      "module.service: enable_observability_iam without the telemetry role grants metricWriter, cloudtrace.agent and cloudprofiler.agent on the project",
    );
  const telemetryRole = config.resources.google_project_iam_custom_role?.telemetry;
  if (
    service?.observability_role &&
    JSON.stringify(telemetryRole?.permissions) !==
      JSON.stringify(["cloudtrace.traces.patch", "monitoring.timeSeries.create"])
  )
    problems.push("google_project_iam_custom_role.telemetry: may do more than write metrics and traces");
  if (service?.ingress !== "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")
    problems.push(
      `module.service: ingress ${JSON.stringify(service?.ingress)} is not the load balancer only`,
    );
  return problems;
}

/**
 * The regexes a variable's validation conditions test with `can(regex("…", …))`, as JavaScript
 * RegExps: the HCL string literal unescaped. RE2 and JavaScript agree on the classes, anchors and
 * counted repetitions these patterns use.
 */
export function validationRegexes(variable: Body): RegExp[] {
  const conditions = ((variable.validation ?? []) as Body[]).map((v) => String(v.condition));
  return conditions.flatMap((condition) =>
    [...condition.matchAll(/regex\("((?:[^"\\]|\\.)*)",/g)].map(
      // An HCL string literal's escapes (\\ \" \n \uNNNN) are JSON's.
      (m) => new RegExp(JSON.parse(`"${m[1]!}"`) as string),
    ),
  );
}
