import { cleanUp } from "./database";
import { BenchFailure } from "./verify";

/** Runs one benchmark, always removing its scratch database (also on failure and Ctrl-C). */
export function runBench(main: () => Promise<void>): void {
  main()
    .then(cleanUp)
    .catch(async (error) => {
      console.error(error instanceof BenchFailure ? `\nFAILED: ${error.message}` : error);
      await cleanUp();
      process.exitCode = 1;
    });

  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
}
