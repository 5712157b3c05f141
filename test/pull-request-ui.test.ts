import { describe, expect, it } from "vitest";
import { formatDuration } from "@/components/runs/duration";
import { runsHref } from "@/components/runs/runs-url";
import { pullRequestHref } from "@/lib/scaffold/pull-request-href";
import { commonRoot, toViewedFile } from "@/lib/scaffold/viewed-file";

describe("pullRequestHref", () => {
  it("links a local pull request to this portal's page, whatever host the URL names", () => {
    expect(pullRequestHref({ number: 7, url: "http://localhost:3000/pulls/7" })).toEqual({
      href: "/pulls/7",
      external: false,
    });
  });

  it("opens a GitHub pull request on GitHub", () => {
    const url = "https://github.com/acme/infra/pull/42";
    expect(pullRequestHref({ number: 42, url })).toEqual({ href: url, external: true });
  });
});

describe("pull request files for the viewer", () => {
  it("maps after/before to content/previous, with the language from the path", () => {
    expect(
      toViewedFile({ path: "services/a/main.tf", status: "modified", before: "x\n", after: "y\n" }),
    ).toEqual({
      path: "services/a/main.tf",
      status: "modified",
      content: "y\n",
      previous: "x\n",
      language: "hcl",
    });
    expect(
      toViewedFile({ path: "services/a/go.mod", status: "deleted", before: "m\n", after: null }),
    ).toMatchObject({ content: "", previous: "m\n", language: "gomod" });
  });

  it("finds the folder every file shares", () => {
    expect(commonRoot(["services/a/main.tf", "services/a/cmd/a/main.go"])).toBe("services/a/");
    expect(commonRoot(["services/a/main.tf", "services/b/main.tf"])).toBe("services/");
    expect(commonRoot(["README.md", "services/a/main.tf"])).toBe("");
    expect(commonRoot([])).toBe("");
  });
});

describe("run page formatting", () => {
  it("formats durations", () => {
    expect(formatDuration(42.4)).toBe("42 ms");
    expect(formatDuration(2_430)).toBe("2.4 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(120_000)).toBe("2 min");
  });

  it("keeps the runs list's filters in the URL", () => {
    expect(runsHref({})).toBe("/runs");
    expect(runsHref({ status: "failed" }, { requestedBy: "me" })).toBe("/runs?requestedBy=me&status=failed");
    expect(runsHref({ status: "failed", template: "cron-job" }, { status: undefined })).toBe(
      "/runs?template=cron-job",
    );
  });
});
