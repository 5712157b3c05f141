import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { control } from "./stack";

// What the production journeys share: people of the demo fleet signed in through IAP, and the
// launcher's control API (the doubles' own state).

export const people = {
  /** In checkout (and growth): owns checkout-api and receipt-mailer. */
  linus: { sub: "accounts.google.com:2001", email: "linus@meridian.dev" },
  /** In fulfilment: owns inventory-service. */
  grace: { sub: "accounts.google.com:1002", email: "grace@meridian.dev" },
};

/** An assertion signed by the key set the portals trust (the launcher holds the key). */
export async function iapToken(claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${control}/iap/sign`, { method: "POST", body: JSON.stringify(claims) });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { token: string }).token;
}

/** A browser context whose every request carries this person's IAP assertion. */
export async function signedInContext(
  browser: Browser,
  person: (typeof people)[keyof typeof people],
  baseURL?: string,
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-goog-iap-jwt-assertion": await iapToken(person) },
  });
}

/** GET on the launcher's control API. */
export async function stackState<T>(path: string): Promise<T> {
  const response = await fetch(`${control}${path}`);
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

export interface ObservedMessage {
  region: string;
  messageId: string;
  attributes: Record<string, string>;
  data: string;
}

/** Messages pulled from the observer subscription on each broker topic (`broker-<region>`). */
export async function observedMessages(): Promise<ObservedMessage[]> {
  return (await stackState<{ messages: ObservedMessage[] }>("/pubsub/observed")).messages;
}
