import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data next to the repository, when present (developers and CI have it; users do not). */
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data', import.meta.url));
export const hasSharedData = (sub: string): boolean => {
  const ok = existsSync(`${SHARED_DATA}/${sub}`);
  if (!ok) console.warn(`skipping tests on real files: ${SHARED_DATA}/${sub} is not present`);
  return ok;
};
