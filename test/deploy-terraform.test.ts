import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env-schema";
import { formatHcl, parseHcl } from "@/server/integrations/hcl/hcl";
import { checkFiles, moduleCallProblems, moduleOf } from "@/server/services/scaffold/check-files";
import { deploymentModuleInterfaces } from "@/server/services/scaffold/module-interfaces";
import type { RenderedFile } from "@/server/services/templates/render-template";
import {
  MERIDIAN_SERVICE,
  OBSERVABILITY_FILE,
  renderMeridianObservability,
} from "@/scripts/render-meridian-observability";
import {
  iamGrants,
  leastPrivilegeProblems,
  mergeConfiguration,
  readTerraform,
  TERRAFORM_DIR,
  validationRegexes,
  type Body,
  type Configuration,
  type TerraformFile,
} from "./support/deploy-terraform";

// terraform/ deploys Meridian itself. Terraform is not installed here, so these are the checks that
// need no provider: HashiCorp's parser and formatter, the platform modules' interfaces, the
// variables' validation rules evaluated, and the least-privilege rules of iam.tf.

let files: TerraformFile[];
let config: Configuration;

beforeAll(async () => {
  files = await readTerraform(".tf");
  config = mergeConfiguration(files);
});

const clone = <T>(value: T): T => structuredClone(value);
const defaults = envSchema.parse({});
const digest = "a".repeat(64);

describe("terraform/ files", () => {
  it("are the standard module files, split by concern", () => {
    expect(files.map((f) => f.path)).toEqual(
      [
        "database.tf",
        "iam.tf",
        "lb.tf",
        "main.tf",
        "observability.tf",
        "outputs.tf",
        "secrets.tf",
        "service.tf",
        "variables.tf",
        "versions.tf",
      ].map((name) => `terraform/${name}`),
    );
  });

  it("parse and are in canonical format, by the checks every preview runs", async () => {
    const rendered: RenderedFile[] = files.map((f) => ({
      path: f.path,
      content: f.content,
      language: "hcl",
    }));
    const checks = await checkFiles(rendered);
    expect(checks.find((c) => c.name === "Terraform parses")).toMatchObject({ ok: true });
    expect(checks.find((c) => c.name === "Terraform is in canonical format")).toMatchObject({ ok: true });

    // The same check fails on these files when they are not canonical.
    const unaligned = rendered.map((f) =>
      f.path === "terraform/service.tf"
        ? { ...f, content: f.content.replace("  version = ", "  version  = ") }
        : f,
    );
    expect(
      (await checkFiles(unaligned)).find((c) => c.name === "Terraform is in canonical format"),
    ).toMatchObject({ ok: false, detail: expect.stringContaining("terraform/service.tf") });
  });

  it("pin the terraform and provider versions", () => {
    const terraform = (files.find((f) => f.path === "terraform/versions.tf")!.json as Body).terraform[0];
    expect(terraform.required_version).toMatch(/^>= 1\.(9|1\d)/);
    const providers = terraform.required_providers[0];
    for (const name of ["google", "google-beta", "random"])
      expect(providers[name]).toMatchObject({
        source: `hashicorp/${name}`,
        version: expect.stringMatching(/</),
      });
  });
});

describe("platform module calls", () => {
  it("set every required input and no unknown one, per the module interface table", () => {
    const calls: string[] = [];
    for (const file of files) {
      const found = moduleCallProblems(file.path, file.json, deploymentModuleInterfaces);
      expect(found.problems).toEqual([]);
      calls.push(...found.calls);
    }
    expect(calls.sort()).toEqual([
      "authorize-private-service",
      "networking",
      "regional-service",
      "secret",
      "secret",
      "secret",
      "serverless-gclb",
    ]);
  });

  it("are reported when an input is missing or unknown", () => {
    const service = files.find((f) => f.path === "terraform/service.tf")!;
    const broken = clone(service.json) as Body;
    delete broken.module.service[0].team;
    broken.module.service[0].raw_containers = {};
    expect(moduleCallProblems(service.path, broken, deploymentModuleInterfaces).problems).toEqual([
      expect.stringContaining("lacks required team"),
      expect.stringContaining("has unknown input raw_containers"),
    ]);
  });

  it("take every module from the platform's source at the portal's default pinned version", () => {
    for (const [label, body] of Object.entries(config.modules)) {
      const called = moduleOf(body.source);
      expect(called, label).not.toBeNull();
      expect(body.source, label).toBe(`${defaults.MERIDIAN_MODULE_SOURCE}//modules/${called}`);
      expect(body.version, label).toBe(defaults.MERIDIAN_MODULE_VERSION);
    }
  });
});

describe("variables", () => {
  it("each have a description and a type", () => {
    expect(Object.keys(config.variables).length).toBeGreaterThan(10);
    for (const [name, body] of Object.entries(config.variables)) {
      expect(typeof body.description === "string" && body.description.length > 10, name).toBe(true);
      expect(body.type, name).toMatch(/^\$\{(string|number|bool|list\(string\)|map\(string\))\}$/);
    }
  });

  it("are validated wherever a rule exists", () => {
    const validated = Object.entries(config.variables)
      .filter(([, body]) => (body.validation ?? []).length > 0)
      .map(([name]) => name);
    expect(validated).toEqual(
      expect.arrayContaining([
        "project_id",
        "regions",
        "database_region",
        "image",
        "hostname",
        "dns_zone",
        "network_name",
        "broker",
        "recorder",
        "github_repository",
        "github_app_id",
        "github_app_installation_id",
        "database_instance_name",
        "portal_members",
        "secret_adder",
      ]),
    );
  });

  it("image accepts a digest and rejects a tag", () => {
    const [pattern, ...more] = validationRegexes(config.variables.image!);
    expect(more).toEqual([]);
    const accepts = (image: string) => pattern!.test(image);
    expect(accepts(`us-docker.pkg.dev/acme-prod/meridian/portal@sha256:${digest}`)).toBe(true);
    expect(accepts(`localhost:5000/meridian@sha256:${"0123456789abcdef".repeat(4)}`)).toBe(true);
    expect(accepts("us-docker.pkg.dev/acme-prod/meridian/portal:v1.4.0")).toBe(false);
    expect(accepts("us-docker.pkg.dev/acme-prod/meridian/portal:latest")).toBe(false);
    expect(accepts(`us-docker.pkg.dev/acme-prod/meridian/portal:v1@sha256:${digest}`)).toBe(false);
    expect(accepts(`us-docker.pkg.dev/acme-prod/meridian/portal@sha256:${digest.slice(1)}`)).toBe(false);
    expect(accepts(`us-docker.pkg.dev/acme-prod/meridian/portal@sha256:${"A".repeat(64)}`)).toBe(false);
    expect(accepts(`portal@sha256:${digest}`)).toBe(false);
  });

  it("project_id, regions and the names follow the rules the portal's environment checks", () => {
    const rule = (name: string) => validationRegexes(config.variables[name]!)[0]!;
    const projectId = envSchema.shape.GCP_PROJECT_ID;
    for (const id of ["acme-prod", "a-b-c-d-e", "Acme-prod", "acme", "1acme-prod", "acme-prod-"])
      expect(rule("project_id").test(id), id).toBe(projectId.safeParse(id).success);
    for (const region of ["us-central1", "europe-west1", "us_central1", "uscentral1", "US-central1"])
      expect(rule("regions").test(region), region).toBe(/^[a-z]+-[a-z]+[0-9]+$/.test(region));
    for (const broker of ["broker", "my-broker", "Broker", "1broker", "b".repeat(50)])
      expect(rule("broker").test(broker), broker).toBe(
        envSchema.shape.MERIDIAN_BROKER.safeParse(broker).success,
      );
    for (const repo of ["acme/infra", "acme", "acme/infra/x"])
      expect(rule("github_repository").test(repo), repo).toBe(
        envSchema.shape.GITHUB_REPOSITORY.safeParse(repo).success,
      );
    expect(rule("hostname").test("meridian.acme.dev")).toBe(true);
    expect(rule("hostname").test("meridian.acme.dev.")).toBe(false);
    expect(rule("hostname").test("https://meridian.acme.dev")).toBe(false);
    expect(String(config.variables.database_region!.validation[0].condition)).toBe(
      "${contains(var.regions, var.database_region)}",
    );
  });

  it("terraform.tfvars.example sets every variable without a default, each value passing its rule", async () => {
    const source = await readFile(path.join(TERRAFORM_DIR, "terraform.tfvars.example"), "utf8");
    expect(await formatHcl(source)).toBe(source);
    const values = (await parseHcl("terraform.tfvars.example", source)) as Body;
    for (const name of Object.keys(values)) expect(config.variables, name).toHaveProperty(name);
    const required = Object.entries(config.variables)
      .filter(([, body]) => !("default" in body) && body.sensitive !== true)
      .map(([name]) => name);
    expect(Object.keys(values)).toEqual(expect.arrayContaining(required));
    for (const [name, value] of Object.entries(values))
      for (const pattern of validationRegexes(config.variables[name]!))
        for (const item of Array.isArray(value) ? value : [value])
          expect(pattern.test(String(item)), `${name} = ${item}`).toBe(true);
  });
});

describe("the portal on Cloud Run", () => {
  const container = () => {
    const containers = config.modules.service!.containers as Record<string, Body>;
    expect(Object.keys(containers)).toEqual(["${(local.name)}"]);
    return Object.values(containers)[0]!;
  };
  const env = () => Object.fromEntries((container().env as Body[]).map((e) => [e.name as string, e]));

  it("runs the image variable, named as the observability file expects, in every region", () => {
    const service = config.modules.service!;
    expect(container().image).toBe("${var.image}");
    expect(service.name).toBe("${local.name}");
    expect(config.locals.name).toBe(MERIDIAN_SERVICE.name);
    expect(service.regions).toBe("${module.networking.regional-networks}");
    expect(config.modules.networking!.regions).toBe("${var.regions}");
  });

  it("sets the production environment, every name one the portal reads", () => {
    const vars = env();
    for (const name of Object.keys(vars)) expect(envSchema.shape, name).toHaveProperty(name);
    expect(Object.keys(vars).sort()).toEqual(
      [
        "MERIDIAN_MODE",
        "DATABASE_URL",
        "IAP_AUDIENCE",
        "GCP_PROJECT_ID",
        "GCP_PROJECT_NUMBER",
        "MERIDIAN_METRICS",
        "MERIDIAN_EVENT_BUS",
        "MERIDIAN_BROKER",
        "MERIDIAN_ARCHIVE",
        "MERIDIAN_RECORDER",
        "MERIDIAN_REGIONS",
        "MERIDIAN_PORTAL_URL",
        "MERIDIAN_GIT",
        "GITHUB_REPOSITORY",
        "GITHUB_APP_ID",
        "GITHUB_APP_INSTALLATION_ID",
        "GITHUB_APP_PRIVATE_KEY",
        "GITHUB_WEBHOOK_SECRET",
        "MERIDIAN_ADMINS",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
      ].sort(),
    );
    const literal = Object.fromEntries(
      Object.entries(vars)
        .filter(([, e]) => typeof e.value === "string" && !e.value.includes("${"))
        .map(([name, e]) => [name, e.value]),
    );
    expect(literal).toEqual({
      MERIDIAN_MODE: "production",
      MERIDIAN_METRICS: "cloud-monitoring",
      MERIDIAN_EVENT_BUS: "pubsub",
      MERIDIAN_ARCHIVE: "bigquery",
      MERIDIAN_GIT: "github",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318",
    });
    expect(envSchema.safeParse(literal).success).toBe(true);
    expect(vars.MERIDIAN_REGIONS!.value).toBe('${join(",", var.regions)}');
    expect(vars.MERIDIAN_PORTAL_URL!.value).toBe("https://${var.hostname}");
    expect(vars.IAP_AUDIENCE!.value).toBe("${local.iap_audience}");
  });

  it("takes the secrets from Secret Manager, never as plain values", () => {
    const vars = env();
    const secrets = {
      DATABASE_URL: ["database-url", "${google_secret_manager_secret_version.database-url.version}"],
      GITHUB_APP_PRIVATE_KEY: ["github-app-key", "latest"],
      GITHUB_WEBHOOK_SECRET: ["github-webhook-secret", "latest"],
    };
    for (const [name, [module, version]] of Object.entries(secrets)) {
      expect(vars[name], name).not.toHaveProperty("value");
      expect(vars[name]!.value_source, name).toEqual({
        secret_key_ref: { secret: `\${module.${module}.secret_id}`, version },
      });
      expect(moduleOf(config.modules[module!]!.source), name).toBe("secret");
    }
  });

  it("is reached through the load balancer only, and invoked by IAP only", () => {
    const service = config.modules.service!;
    expect(service.ingress).toBe("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
    expect(service.require_authenticated_invocations).toBe(true);
    const invoker = config.modules["iap-invokes-service"]!;
    expect(invoker).toMatchObject({
      for_each: "${toset(var.regions)}",
      region: "${each.key}",
      name: "${module.service.names[each.key]}",
      "service-account": "${google_project_service_identity.iap.email}",
    });
    expect(config.resources.google_project_service_identity!.iap!.service).toBe("iap.googleapis.com");
  });
});

describe("Cloud SQL", () => {
  it("has a private IP only, on Meridian's VPC through private services access", () => {
    const address = config.resources.google_compute_global_address!.database!;
    expect(address).toMatchObject({
      purpose: "VPC_PEERING",
      address_type: "INTERNAL",
      network: "${module.networking.network_id}",
    });
    expect(config.resources.google_service_networking_connection!.database).toMatchObject({
      network: "${module.networking.network_id}",
      service: "servicenetworking.googleapis.com",
      reserved_peering_ranges: ["${google_compute_global_address.database.name}"],
    });
    const instance = config.resources.google_sql_database_instance!.meridian!;
    expect(instance.database_version).toMatch(/^POSTGRES_\d+$/);
    expect(instance.depends_on).toEqual(["${google_service_networking_connection.database}"]);
    const ip = instance.settings[0].ip_configuration;
    expect(ip).toEqual([
      { ipv4_enabled: false, private_network: "${module.networking.network_id}", ssl_mode: "ENCRYPTED_ONLY" },
    ]);
  });

  it("has a generated password, stored as the DATABASE_URL secret the portal accepts", () => {
    expect(config.resources.google_sql_user!.meridian!.password).toBe("${random_password.database.result}");
    expect(config.resources.random_password!.database).toMatchObject({ special: false });
    const version = config.resources.google_secret_manager_secret_version!["database-url"]!;
    expect(version).toEqual({
      secret: "${module.database-url.secret_id}",
      secret_data: "${local.database_url}",
    });

    // The URL the format() builds, with sample values, passes the portal's own DATABASE_URL rule.
    const expression = String(config.locals.database_url);
    const template = /format\(\s*"([^"]+)"/.exec(expression)?.[1];
    expect(template).toBeDefined();
    expect(expression).toContain("random_password.database.result");
    expect(expression).toContain("google_sql_database_instance.meridian.private_ip_address");
    const samples = ["meridian", "a".repeat(32), "172.16.0.3", "meridian"];
    const url = template!.replace(/%s/g, () => samples.shift()!);
    expect(samples).toEqual([]);
    expect(envSchema.shape.DATABASE_URL.safeParse(url)).toMatchObject({ success: true });
    expect(new URL(url).searchParams.get("sslmode")).toBe("require");
  });
});

describe("the load balancer", () => {
  it("routes the host name to the portal in every region, with IAP on", () => {
    const gclb = config.modules.gclb!;
    expect(moduleOf(gclb.source)).toBe("serverless-gclb");
    expect(gclb["public-services"]).toEqual({ "${(var.hostname)}": { name: "${local.name}" } });
    expect(gclb.regions).toBe("${var.regions}");
    expect(gclb.serving_regions).toBe("${var.regions}");
    expect(gclb.iap).toEqual({
      oauth2_client_id: "${var.iap_oauth_client_id}",
      oauth2_client_secret: "${var.iap_oauth_client_secret}",
      enabled: true,
    });
    expect(config.variables.iap_oauth_client_secret!.sensitive).toBe(true);
  });

  it("passes the backend's IAP audience to the portal, read back after the backend exists", () => {
    const backend = config.data.google_compute_backend_service!.portal!;
    expect(backend).toMatchObject({ name: "${local.name}", depends_on: ["${module.gclb}"] });
    expect(config.locals.iap_audience).toBe(
      "/projects/${data.google_project.this.number}/global/backendServices/${data.google_compute_backend_service.portal.generated_id}",
    );
    expect(config.outputs.iap_audience!.value).toBe("${local.iap_audience}");
  });

  it("lets the portal's members through IAP on its backend alone", () => {
    const access = config.resources.google_iap_web_backend_service_iam_member!.portal!;
    expect(access).toMatchObject({
      for_each: "${toset(var.portal_members)}",
      role: "roles/iap.httpsResourceAccessor",
      web_backend_service: "${data.google_compute_backend_service.portal.name}",
    });
  });
});

describe("least privilege", () => {
  it("holds for terraform/", () => {
    expect(leastPrivilegeProblems(config)).toEqual([]);
  });

  it("grants the portal exactly the roles iam.tf explains", () => {
    const byAddress = Object.fromEntries(iamGrants(config).map((g) => [g.address, g.roles]));
    expect(byAddress).toEqual({
      "google_project_iam_member.meridian": ["roles/monitoring.viewer", "roles/bigquery.jobUser"],
      "google_project_iam_member.cloudsql-client": ["roles/cloudsql.client"],
      "google_project_iam_member.tail-subscriptions": ["custom:tail-subscriptions"],
      "google_bigquery_dataset_iam_member.recorder-viewer": ["roles/bigquery.dataViewer"],
      "google_pubsub_topic_iam_member.tail-attach": ["roles/pubsub.subscriber"],
      "google_iap_web_backend_service_iam_member.portal": ["roles/iap.httpsResourceAccessor"],
    });
    expect(config.locals.recorder_dataset).toBe('cloudevents_${replace(var.recorder, "-", "_")}');
    expect(String(config.locals.broker_topics)).toMatch(
      /^\$\{\{ for region in var\.regions : region => "\$\{var\.broker\}-\$\{region\}" \}\}$/,
    );
    // The accessor of each secret is the portal: three secrets, no other accessor.
    const secrets = Object.entries(config.modules).filter(([, m]) => moduleOf(m.source) === "secret");
    expect(secrets.map(([label]) => label).sort()).toEqual([
      "database-url",
      "github-app-key",
      "github-webhook-secret",
    ]);
  });

  /** The configuration with one more resource. */
  const withResource = (type: string, name: string, body: Body) => {
    const changed = clone(config);
    (changed.resources[type] ??= {})[name] = body;
    return changed;
  };
  const portal = { project: "${var.project_id}", member: "${local.member}" };

  it.each([
    [
      "roles/owner on the project",
      "google_project_iam_member",
      { ...portal, role: "roles/owner" },
      "grants roles/owner",
    ],
    [
      "roles/editor on the project",
      "google_project_iam_member",
      { ...portal, role: "roles/editor" },
      "grants roles/editor",
    ],
    [
      "a project-level secretAccessor",
      "google_project_iam_member",
      { ...portal, role: "roles/secretmanager.secretAccessor" },
      "roles/secretmanager.secretAccessor on the whole project",
    ],
    [
      "dataViewer on the project",
      "google_project_iam_member",
      { ...portal, role: "roles/bigquery.dataViewer" },
      "roles/bigquery.dataViewer beyond a dataset",
    ],
    [
      "dataViewer on another dataset",
      "google_bigquery_dataset_iam_member",
      { ...portal, dataset_id: "billing_export", role: "roles/bigquery.dataViewer" },
      "not the recorder's dataset",
    ],
    [
      "publisher on the project",
      "google_project_iam_member",
      { ...portal, role: "roles/pubsub.publisher" },
      "roles/pubsub.publisher on the whole project",
    ],
    [
      "publisher on a broker topic (the broker's binding is authoritative)",
      "google_pubsub_topic_iam_member",
      {
        ...portal,
        for_each: "${local.broker_topics}",
        topic: "${each.value}",
        role: "roles/pubsub.publisher",
      },
      "use extra_publishers",
    ],
    [
      "subscriber on another topic",
      "google_pubsub_topic_iam_member",
      { ...portal, topic: "payments-us-east4", role: "roles/pubsub.subscriber" },
      "beyond the broker's topics",
    ],
    [
      "pubsub.editor on the project",
      "google_project_iam_member",
      { ...portal, role: "roles/pubsub.editor" },
      "grants roles/pubsub.editor",
    ],
    [
      "an unconditional cloudsql.client",
      "google_project_iam_member",
      { ...portal, role: "roles/cloudsql.client" },
      "not conditioned on Meridian's instance",
    ],
    [
      "an authoritative binding",
      "google_project_iam_binding",
      { project: "${var.project_id}", members: ["${local.member}"], role: "roles/monitoring.viewer" },
      "authoritative IAM",
    ],
    [
      "allUsers",
      "google_cloud_run_v2_service_iam_member",
      { name: "meridian", member: "allUsers", role: "roles/run.invoker" },
      "allUsers",
    ],
  ])("fails on %s", (_, type, body, problem) => {
    const problems = leastPrivilegeProblems(withResource(type, "extra", body));
    expect(problems).toContainEqual(expect.stringContaining(problem));
    // Only the added grant is blamed.
    expect(problems.filter((p) => !p.includes(".extra:"))).toEqual([]);
  });

  it("fails when the tails' custom role gains a permission, or a secret another accessor", () => {
    const wider = clone(config);
    wider.resources.google_project_iam_custom_role!["tail-subscriptions"]!.permissions.push(
      "pubsub.topics.publish",
    );
    expect(leastPrivilegeProblems(wider)).toEqual([
      expect.stringContaining("custom role grants pubsub.topics.publish"),
    ]);

    const shared = clone(config);
    shared.modules["github-app-key"]!["service-accounts"] = ["ci@acme.iam.gserviceaccount.com"];
    expect(leastPrivilegeProblems(shared)).toEqual([expect.stringContaining("module.github-app-key")]);

    const open = clone(config);
    open.modules.service!.require_authenticated_invocations = false;
    expect(leastPrivilegeProblems(open)).toEqual([expect.stringContaining("allUsers run.invoker")]);

    const observed = clone(config);
    delete observed.modules.service!.observability_role;
    expect(leastPrivilegeProblems(observed)).toEqual([expect.stringContaining("metricWriter")]);

    const writer = clone(config);
    writer.resources.google_project_iam_custom_role!.telemetry!.permissions = ["monitoring.timeSeries.*"];
    expect(leastPrivilegeProblems(writer)).toEqual([expect.stringContaining("telemetry")]);
  });
});

describe("observability.tf", () => {
  it("is what the repo's renderers produce now for the portal", async () => {
    const checkedIn = await readFile(path.join(TERRAFORM_DIR, "..", OBSERVABILITY_FILE), "utf8");
    // On a difference: npx tsx scripts/render-meridian-observability.ts
    expect(checkedIn).toBe(renderMeridianObservability());
    expect(Object.keys(config.resources.google_monitoring_dashboard!)).toEqual(["meridian"]);
    const policies = Object.values(config.resources.google_monitoring_alert_policy!);
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      expect(policy.notification_channels).toBe("${var.notification_channels}");
      expect(policy.user_labels).toMatchObject({ service: MERIDIAN_SERVICE.name });
    }
  });
});

describe("outputs", () => {
  it("each have a description, and name what the README's steps use", () => {
    for (const [name, body] of Object.entries(config.outputs))
      expect(typeof body.description === "string" && body.description.length > 10, name).toBe(true);
    expect(Object.keys(config.outputs)).toEqual(
      expect.arrayContaining([
        "url",
        "service_account_email",
        "broker_extra_publisher",
        "iap_audience",
        "database_connection_name",
        "github_secrets",
      ]),
    );
    expect(config.outputs.database_connection_name!.value).toBe(
      "${google_sql_database_instance.meridian.connection_name}",
    );
  });
});
