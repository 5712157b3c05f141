/** The runs list's filters as they appear in its URL; `requestedBy` is "me" or an email. */
export interface RunsParams {
  requestedBy?: string;
  template?: string;
  status?: string;
}

/** `/runs` with `change` applied to `current`; an undefined value drops the filter. */
export function runsHref(current: RunsParams, change: RunsParams = {}): string {
  const next = { ...current, ...change };
  const search = new URLSearchParams();
  for (const key of ["requestedBy", "template", "status"] as const) {
    const value = next[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return query ? `/runs?${query}` : "/runs";
}
