/**
 * Loaded into Electron's own installer (node_modules/electron/install.js) with `node --import`
 * by ./electron-binary.ts. It watches the installer's downloads, which all go through fetch:
 *
 * - when the Electron zip starts to arrive (not when it comes from the download cache), it
 *   prints the one line a user sees: the version, the size, and that this happens once;
 * - when a request fails, it writes the reason on stderr after FAILURE_MARK, because the
 *   installer prints only a stack trace, and for a connection error only "fetch failed"
 *   (the reason, like "connect ECONNREFUSED", is in the error's cause).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FAILURE_MARK } from './electron-binary.ts';

const installer = process.argv[1] ?? '';
const { version } = JSON.parse(readFileSync(join(dirname(installer), 'package.json'), 'utf8')) as {
  version: string;
};

const fetchUnwatched = globalThis.fetch;

globalThis.fetch = async function fetchWatched(input, init) {
  const url = input instanceof Request ? input.url : String(input);
  let response: Response;
  try {
    response = await fetchUnwatched(input, init);
  } catch (error) {
    process.stderr.write(`${FAILURE_MARK}${reasonOf(error)} from ${url}\n`);
    throw error;
  }
  if (!response.ok) {
    process.stderr.write(`${FAILURE_MARK}HTTP ${response.status} ${response.statusText} from ${url}\n`);
  } else if (!url.endsWith('/SHASUMS256.txt')) {
    console.log(`Downloading Electron ${version}${sizeOf(response)}, once: later launches use this copy.`);
  }
  return response;
};

/** " (112 MB)", or nothing when the server does not say. */
function sizeOf(response: Response): string {
  const bytes = Number(response.headers.get('content-length'));
  if (!(bytes > 0)) return '';
  return bytes < 1e6 ? ` (${Math.ceil(bytes / 1e3)} kB)` : ` (${Math.round(bytes / 1e6)} MB)`;
}

/** The innermost message: fetch's own is "fetch failed", its cause says why. */
function reasonOf(error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  return innermost instanceof Error ? innermost.message : String(innermost);
}
