// The mirror setting of the data sets by name: a base URL the person sets once in the Data tab, kept in this
// browser (localStorage), given to @lstmkit/datasets as its `mirror` option.
const KEY = 'lstmkit.datasets-mirror';

/** The mirror the person set, or '' for the public addresses. */
export const getMirror = (): string => localStorage.getItem(KEY) ?? '';

export function setMirror(url: string): void {
  if (url.trim()) localStorage.setItem(KEY, url.trim());
  else localStorage.removeItem(KEY);
}

/** The dataset options that carry the mirror, when one is set. */
export const mirrorOption = (): { mirror?: string } => (getMirror() ? { mirror: getMirror() } : {});
