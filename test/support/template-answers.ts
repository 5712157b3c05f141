// Good answers for each template, as a person would fill the wizard on the demo catalog.

export type TemplateId = "http-service" | "event-receiver" | "cron-job" | "github-bot";

const common = { team: "checkout", product: "checkout", description: "Takes payments.\nSecond line." };

export function validAnswers(template: TemplateId): Record<string, unknown> {
  switch (template) {
    case "http-service":
      return {
        ...common,
        name: "refund-api",
        regions: ["us-central1", "us-east4", "europe-west1"],
        public: true,
        hostname: "refunds.example.com",
        env: [{ name: "LOG_LEVEL", value: "info" }],
      };
    case "event-receiver":
      return {
        ...common,
        name: "order-audit",
        regions: ["us-central1", "us-east4", "europe-west1"],
        triggers: [
          {
            name: "orders",
            eventType: "dev.acme.order.created",
            sourcePrefix: "https://shop.example.com/",
            hasAttribute: "tenant",
          },
          { name: "refunds", eventType: "dev.acme.refund.issued", notHasAttribute: "replayid" },
        ],
        publishes: true,
        recorded: [{ eventType: "dev.acme.audit.logged", retentionDays: "90" }],
      };
    case "cron-job":
      return { ...common, name: "nightly-settlement", schedule: "*/15 * * * *", region: "us-east4" };
    case "github-bot":
      return { ...common, name: "label-bot", regions: ["us-central1"], githubEvent: "pull_request" };
  }
}
