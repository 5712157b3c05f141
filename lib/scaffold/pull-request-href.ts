const LOCAL = /\/pulls\/(\d+)\/?$/;

/**
 * Where a pull request opens. The local repository's pull requests live on this portal
 * (`<portal>/pulls/<n>`): link to the path, so the link works whatever host the portal was
 * configured with. Anything else (GitHub) opens its own URL.
 */
export function pullRequestHref(pr: { number: number; url: string }): { href: string; external: boolean } {
  const local = LOCAL.exec(pr.url);
  return local ? { href: `/pulls/${local[1]}`, external: false } : { href: pr.url, external: true };
}
