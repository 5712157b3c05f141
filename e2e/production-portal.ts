// A second portal in production mode: PostgreSQL (a fresh database each run) and IAP identity,
// trusting the key set that e2e/production-iap.spec.ts serves on IAP_KEYS_PORT.
export const productionPortal = {
  port: Number(process.env.E2E_PROD_PORT ?? 3101),
  keysPort: Number(process.env.E2E_IAP_KEYS_PORT ?? 3102),
  audience: "/projects/123456789/global/backendServices/987654321",
  adminUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  /** E2E_PROD_DATABASE lets two checkouts on one machine run the suite without dropping each other's database. */
  database: process.env.E2E_PROD_DATABASE ?? "meridian_e2e_production",
};
