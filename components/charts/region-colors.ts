// One colour per region, the same on every chart and page. Each colour has at least 3:1 contrast
// against both the light surface (#ffffff) and the dark one (#131316), so lines read in both themes.

const palette = [
  "#2f7fe0", // blue
  "#d9660a", // orange
  "#0f9a76", // green
  "#b84fd0", // purple
  "#0b98b8", // cyan
  "#b88a00", // gold
  "#d63f73", // pink
  "#6f73e6", // indigo
] as const;

/** The regions the platform deploys to get fixed, distinct colours; others hash into the palette. */
const known: Record<string, number> = {
  "us-central1": 0,
  "us-east4": 1,
  "europe-west1": 2,
  "asia-northeast1": 3,
  "europe-west4": 4,
  "us-west1": 5,
  "asia-southeast1": 6,
  "europe-north1": 7,
};

/** The colour of the combined "all regions" series: the muted text colour of the theme. */
export const ALL_REGIONS_COLOR = "var(--text-muted)";

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The stable colour of a region, by name. */
export function regionColor(region: string): string {
  const index = known[region] ?? hash(region) % palette.length;
  return palette[index] ?? palette[0];
}
