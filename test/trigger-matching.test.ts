import { describe, expect, it } from "vitest";
import type { TriggerFilter } from "@/lib/catalog-types";
import type { CloudEventAttributes } from "@/lib/events/cloudevent";
import { matchesTrigger } from "@/lib/events/match-filter";
import { pubsubFilter } from "@/lib/trigger-filter";

// The embedded broker's trigger matching, table-tested against the filter semantics of the
// cloudevent-trigger module (DOMAIN.md §3.2): `filter` exact, `filter_prefix` hasPrefix,
// `filter_has_attributes`, `filter_not_has_attributes`, `filter_not`, all ANDed, on ce-* attributes.

const TYPE = "dev.meridian.payments.authorized";
const event = (
  over: Partial<CloudEventAttributes> = {},
  extensions: Record<string, string> = {},
): CloudEventAttributes => ({
  specversion: "1.0",
  id: "e-1",
  source: "//payments-gateway/charges",
  type: TYPE,
  subject: "charges/77",
  extensions,
  ...over,
});

// [case, filter, event, delivered?, the Pub/Sub filter clause it stands for]
const table: [string, TriggerFilter, CloudEventAttributes, boolean, string][] = [
  ["type only: same type", {}, event(), true, `attributes.ce-type="${TYPE}"`],
  ["type only: other type", {}, event({ type: "dev.meridian.payments.declined" }), false, ""],
  ["type is exact, not a prefix", {}, event({ type: `${TYPE}.v2` }), false, ""],
  [
    "exact on an extension: equal",
    { exact: { action: "closed" } },
    event({}, { action: "closed" }),
    true,
    `attributes.ce-action="closed"`,
  ],
  [
    "exact on an extension: different",
    { exact: { action: "closed" } },
    event({}, { action: "opened" }),
    false,
    "",
  ],
  ["exact on an extension: absent", { exact: { action: "closed" } }, event(), false, ""],
  ["exact is case-sensitive", { exact: { action: "closed" } }, event({}, { action: "Closed" }), false, ""],
  [
    "exact on subject",
    { exact: { subject: "charges/77" } },
    event(),
    true,
    `attributes.ce-subject="charges/77"`,
  ],
  [
    "prefix on source: matches",
    { prefix: { source: "//payments-gateway/" } },
    event(),
    true,
    `hasPrefix(attributes.ce-source, "//payments-gateway/")`,
  ],
  ["prefix on source: does not", { prefix: { source: "//inventory-service/" } }, event(), false, ""],
  ["prefix on an absent attribute", { prefix: { region: "eu" } }, event(), false, ""],
  ["empty prefix matches any present value", { prefix: { subject: "" } }, event(), true, ""],
  ["empty prefix on an absent attribute", { prefix: { region: "" } }, event(), false, ""],
  ["has: present", { has: ["testmode"] }, event({}, { testmode: "true" }), true, "attributes:ce-testmode"],
  ["has: present but empty-looking", { has: ["testmode"] }, event({}, { testmode: "false" }), true, ""],
  ["has: absent", { has: ["testmode"] }, event(), false, ""],
  ["not-has: absent", { notHas: ["testmode"] }, event(), true, "NOT attributes:ce-testmode"],
  ["not-has: present", { notHas: ["testmode"] }, event({}, { testmode: "true" }), false, ""],
  [
    "not-equal: different",
    { not: [{ key: "action", value: "closed" }] },
    event({}, { action: "opened" }),
    true,
    `NOT attributes.ce-action="closed"`,
  ],
  ["not-equal: absent counts as different", { not: [{ key: "action", value: "closed" }] }, event(), true, ""],
  [
    "not-equal: equal",
    { not: [{ key: "action", value: "closed" }] },
    event({}, { action: "closed" }),
    false,
    "",
  ],
  [
    "every clause ANDed: all hold",
    { exact: { action: "closed" }, prefix: { subject: "charges/" }, notHas: ["testmode"] },
    event({}, { action: "closed" }),
    true,
    "",
  ],
  [
    "every clause ANDed: one fails",
    { exact: { action: "closed" }, prefix: { subject: "charges/" }, notHas: ["testmode"] },
    event({}, { action: "closed", testmode: "1" }),
    false,
    "",
  ],
  [
    "a replayed event matches like the original",
    {},
    event({}, { replayid: "r-1", replayedfrom: "e-0" }),
    true,
    "",
  ],
];

describe("trigger matching (DOMAIN.md §3.2)", () => {
  it.each(table)("%s", (_name, filter, e, delivered, clause) => {
    expect(matchesTrigger(TYPE, filter, e)).toBe(delivered);
    // The clause the portal shows as the trigger's Pub/Sub filter is the one that was evaluated.
    if (clause) expect(pubsubFilter(TYPE, filter)).toContain(clause);
  });
});
