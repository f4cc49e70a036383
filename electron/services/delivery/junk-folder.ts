/**
 * Finds the mailbox's spam folder: the one flagged \Junk (RFC 6154 special-use), else
 * the first of the usual names that exists (Junk, Spam, Junk E-mail, [Gmail]/Spam,
 * Bulk Mail), at the top level or under INBOX.
 */

export interface FolderInfo {
  path: string;
  delimiter?: string | null;
  specialUse?: string | null | undefined;
  flags?: Set<string> | undefined;
}

/** Usual names, most likely first; compared case-insensitively. */
export const JUNK_NAMES = [
  'Junk',
  'Spam',
  'Junk E-mail',
  'Junk Email',
  '[Gmail]/Spam',
  '[Google Mail]/Spam',
  'Bulk Mail',
  'Bulk',
] as const;

function selectable(folder: FolderInfo): boolean {
  return !folder.flags?.has('\\Noselect') && !folder.flags?.has('\\NonExistent');
}

export function findJunkFolder(folders: readonly FolderInfo[]): string | null {
  const usable = folders.filter(selectable);
  const flagged = usable.find((f) => f.specialUse === '\\Junk' || f.flags?.has('\\Junk'));
  if (flagged) return flagged.path;
  const normalized = (f: FolderInfo): string => {
    const delimiter = f.delimiter || '/';
    return f.path.split(delimiter).join('/').toLowerCase();
  };
  for (const name of JUNK_NAMES) {
    const wanted = name.toLowerCase();
    const match =
      usable.find((f) => normalized(f) === wanted) ?? usable.find((f) => normalized(f) === `inbox/${wanted}`);
    if (match) return match.path;
  }
  return null;
}
