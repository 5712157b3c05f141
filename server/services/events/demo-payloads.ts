import "server-only";

// Plausible payloads for the demo fleet's event types (the demo generator's only knowledge of them).

export interface DemoEvent {
  source: string;
  subject: string;
  extensions: Record<string, string>;
  data: unknown;
}

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length) % items.length]!;
const SKUS = ["sku-kettle-1l", "sku-mug-blue", "sku-teapot", "sku-filter-papers", "sku-grinder"] as const;
const REPOS = ["acme/storefront", "acme/payments", "acme/platform-infra"] as const;

export function demoEvent(
  type: string,
  producer: string | null,
  n: number,
  random: () => number,
): DemoEvent | null {
  const order = `ord_${(100000 + n).toString(36)}`;
  const amount = (5 + Math.floor(random() * 19500) / 100).toFixed(2);
  switch (type) {
    case "dev.meridian.checkout.order.placed":
      return {
        source: `//${producer}/orders`,
        subject: `orders/${order}`,
        extensions: {},
        data: {
          orderId: order,
          customerId: `cus_${Math.floor(random() * 90000 + 10000)}`,
          items: [{ sku: pick(SKUS, random()), quantity: 1 + Math.floor(random() * 3) }],
          total: { amount, currency: "EUR" },
        },
      };
    case "dev.meridian.payments.authorized":
    case "dev.meridian.payments.declined": {
      const testmode = random() < 0.08;
      return {
        source: `//${producer}/charges`,
        subject: `charges/ch_${n}`,
        extensions: testmode ? { testmode: "true" } : {},
        data: {
          chargeId: `ch_${n}`,
          orderId: order,
          amount: { value: amount, currency: "EUR" },
          network: pick(["visa", "mastercard", "amex"], random()),
          ...(type.endsWith("declined")
            ? { reason: pick(["insufficient_funds", "expired_card"], random()) }
            : {}),
        },
      };
    }
    case "dev.meridian.payments.refund.requested":
      return {
        source: `//${producer}/refunds`,
        subject: `refunds/re_${n}`,
        extensions: {},
        data: {
          refundId: `re_${n}`,
          orderId: order,
          reason: pick(["damaged", "late", "changed_mind"], random()),
        },
      };
    case "dev.meridian.payments.refunded":
      return {
        source: `//${producer}/refunds`,
        subject: `refunds/re_${n}`,
        extensions: {},
        data: { refundId: `re_${n}`, amount: { value: amount, currency: "EUR" } },
      };
    case "dev.meridian.inventory.reserved":
      return {
        source: `//${producer}/reservations`,
        subject: `orders/${order}`,
        extensions: {},
        data: {
          orderId: order,
          warehouse: pick(["ams-1", "chi-2", "tyo-1"], random()),
          sku: pick(SKUS, random()),
        },
      };
    case "dev.meridian.shipping.shipment.dispatched":
      return {
        source: `//${producer}/shipments`,
        subject: `shipments/shp_${n}`,
        extensions: {},
        data: { shipmentId: `shp_${n}`, orderId: order, carrier: pick(["dhl", "ups", "postnl"], random()) },
      };
    case "dev.chainguard.github.pull_request": {
      const repo = pick(REPOS, random());
      const action = pick(["opened", "closed", "synchronize", "labeled"], random());
      const number = 100 + (n % 400);
      return {
        source: `https://github.com/${repo}`,
        subject: `${repo}#${number}`,
        extensions: { action },
        data: {
          when: new Date().toISOString(),
          headers: { event: "pull_request", delivery_id: crypto.randomUUID() },
          body: {
            action,
            number,
            repository: { full_name: repo },
            pull_request: { title: `Demo change ${number}` },
          },
        },
      };
    }
    case "dev.chainguard.github.push": {
      const repo = pick(REPOS, random());
      const ref = random() < 0.6 ? "refs/heads/main" : `refs/heads/feature-${n % 50}`;
      return {
        source: `https://github.com/${repo}`,
        subject: ref,
        extensions: {},
        data: {
          when: new Date().toISOString(),
          headers: { event: "push", delivery_id: crypto.randomUUID() },
          body: { ref, repository: { full_name: repo }, commits: 1 + Math.floor(random() * 4) },
        },
      };
    }
    default:
      return null;
  }
}
