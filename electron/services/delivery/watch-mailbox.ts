/**
 * Watches IMAP folders for the message carrying `X-Mail-Preflight-Id: <runId>`.
 *
 * - IDLE (RFC 2177), where the server offers it: one connection per folder sits in IDLE;
 *   an EXISTS push wakes it and it searches again. A search every few seconds also runs,
 *   for servers that are slow to push.
 * - Polling otherwise: every second, each folder is selected and searched in turn on one
 *   connection.
 *
 * Each watcher searches once right away: the message may have arrived before the watch began.
 * Watchers end with the message's UID, or null once `stop` is aborted (whoever aborts it
 * also closes the connections, which ends a pending command).
 */
import type { ImapFlow } from 'imapflow';
import { RUN_ID_HEADER } from '../smtp/test-message';
import { ImapStepError } from './imap-failure';

export const POLL_INTERVAL_MS = 1_000;
/** With IDLE, a search also runs this often in case the server's push is late or lost. */
export const IDLE_RESEARCH_MS = 5_000;

/** What a watcher tells as it goes: the folder is open and watched; it was searched (again). */
export interface WatchEvents {
  onWatching: (folder: string) => void;
  onSearched: (folder: string) => void;
}

export interface Sighting {
  client: ImapFlow;
  folder: string;
  uid: number;
  /** Date.now() when the search found it. */
  seenAt: number;
}

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** SELECT, with a refusal (NO/BAD) told as such rather than as a broken connection. */
async function openFolder(client: ImapFlow, folder: string): Promise<void> {
  try {
    await client.mailboxOpen(folder);
  } catch (error) {
    const e = error as { responseStatus?: string; responseText?: string; serverResponseCode?: string };
    if (!e.responseStatus) throw error;
    const code = e.serverResponseCode ? `[${e.serverResponseCode}] ` : '';
    throw new ImapStepError('MAILBOX_UNAVAILABLE', `The IMAP server would not open the folder ${folder}.`, {
      imapResponse: `${e.responseStatus} ${code}${e.responseText ?? ''}`.trim(),
      folder,
    });
  }
}

async function searchRun(client: ImapFlow, runId: string): Promise<number | null> {
  const uids = await client.search({ header: { [RUN_ID_HEADER]: runId } }, { uid: true });
  return uids && uids.length ? Math.min(...uids) : null;
}

/** Watches one folder on its own connection with IDLE. */
export async function watchWithIdle(
  client: ImapFlow,
  folder: string,
  runId: string,
  stop: AbortSignal,
  events: WatchEvents,
): Promise<Sighting | null> {
  let wake: () => void = () => undefined;
  const onExists = (event: { path: string }): void => {
    if (event.path === folder) wake();
  };
  client.on('exists', onExists);
  try {
    await openFolder(client, folder);
    events.onWatching(folder);
    while (!stop.aborted) {
      // Armed before the search: an EXISTS that arrives during it must still wake us.
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const uid = await searchRun(client, runId);
      if (uid !== null) return { client, folder, uid, seenAt: Date.now() };
      events.onSearched(folder);
      if (stop.aborted) break;
      // Resolves when IDLE ends: the next command (our search) breaks it.
      client.idle().catch(() => undefined);
      await Promise.race([woken, sleep(IDLE_RESEARCH_MS, stop)]);
    }
    return null;
  } catch (error) {
    if (stop.aborted) return null;
    throw error;
  } finally {
    client.off('exists', onExists);
  }
}

/** Watches several folders on one connection by selecting and searching each every second. */
export async function watchByPolling(
  client: ImapFlow,
  folders: readonly string[],
  runId: string,
  stop: AbortSignal,
  events: WatchEvents,
): Promise<Sighting | null> {
  const announced = new Set<string>();
  try {
    while (!stop.aborted) {
      for (const folder of folders) {
        if (stop.aborted) return null;
        if (client.mailbox && client.mailbox.path === folder) await client.noop();
        else await openFolder(client, folder);
        if (!announced.has(folder)) {
          announced.add(folder);
          events.onWatching(folder);
        }
        const uid = await searchRun(client, runId);
        if (uid !== null) return { client, folder, uid, seenAt: Date.now() };
        events.onSearched(folder);
      }
      await sleep(POLL_INTERVAL_MS, stop);
    }
    return null;
  } catch (error) {
    if (stop.aborted) return null;
    throw error;
  }
}
