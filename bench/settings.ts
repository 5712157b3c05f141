// The benchmark's knobs, read from the environment once (documented in catalog-search.ts).

const flag = (name: string) => ["1", "true"].includes(process.env[name] ?? "");

export const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
export const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
export const SERVER_URL = process.env.BENCH_DATABASE_URL;
export const RAW_THROUGH_PRISMA = process.env.BENCH_RAW === "prisma";
export const BREAKDOWN = flag("BENCH_BREAKDOWN");
export const KEEP = flag("BENCH_KEEP");
