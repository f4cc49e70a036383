/**
 * Delivery proof: after the SMTP server accepted the test message, log in to the
 * recipient's mailbox over IMAP and watch INBOX and the junk folder until the message with
 * the run's X-Mail-Preflight-Id header shows up, or the timeout passes. Then read the
 * received copy (hops, authentication, spam headers) and, when asked, delete it.
 *
 *   const result = await checkDelivery({ imap, runId, acceptedAt: Date.now(), timeoutMs: 120_000, cleanup: true });
 *   // { ok: true, report }                        delivered (report.spam: to the junk folder)
 *   // { ok: false, failure: DELIVERY_NOT_CONFIRMED } not there within the timeout
 *   // { ok: false, failure: DELIVERY_CHECK_FAILED }  IMAP could not connect / log in
 *
 * Times are epoch milliseconds (Date.now()), so `acceptedAt` may come from anywhere in the
 * process. It may also be a promise: start the check before sending, resolve it when DATA
 * is accepted, and the login and folder lookup happen while the message is on its way.
 */
import type { ImapFlow } from 'imapflow';
import { closeImap, DEFAULT_CONNECT_TIMEOUT_MS, openImap, withDeadline } from './imap-connection';
import { createTranslator, saySeconds } from '../i18n';
import { imapFailure, ImapStepError, notDeletedReason } from './imap-failure';
import { findJunkFolder } from './junk-folder';
import { analyseReceivedCopy } from './received-copy';
import type {
  CheckDeliveryOptions,
  DeliveryFailure,
  DeliveryReport,
  DeliveryResult,
  WatchMode,
} from './types';
import { watchByPolling, watchWithIdle, type Sighting, type WatchEvents } from './watch-mailbox';

function emptyReport(watch: WatchMode | null, junkFolder: string | null): DeliveryReport {
  return {
    found: false,
    folder: null,
    spam: false,
    arrivalMs: null,
    hops: [],
    authentication: [],
    authenticationSource: null,
    spamHeaders: {},
    deleted: false,
    leftSeen: false,
    cleanupError: null,
    watch,
    junkFolder,
  };
}

/**
 * Removes only the test message: UID EXPUNGE (RFC 4315, UIDPLUS) of its UID. A plain
 * EXPUNGE would also remove every other message the user had marked \Deleted in that
 * folder, so a server without UIDPLUS gets the message flagged \Seen and left in place.
 * (imapflow's messageDelete sends UID EXPUNGE only when the server offers UIDPLUS and
 * falls back to a plain EXPUNGE otherwise, hence the check here.)
 */
async function removeTestMessage(
  client: ImapFlow,
  uid: number,
): Promise<'deleted' | 'left-seen' | 'refused'> {
  if (client.capabilities.has('UIDPLUS')) {
    return (await client.messageDelete(String(uid), { uid: true })) ? 'deleted' : 'refused';
  }
  return (await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })) ? 'left-seen' : 'refused';
}

/** DELIVERY_NOT_CONFIRMED, in the run's language. */
function notConfirmed(options: CheckDeliveryOptions, junkFolder: string | null): DeliveryFailure {
  const t = createTranslator(options.language ?? 'en');
  const params = {
    user: options.imap.user,
    seconds: saySeconds(t, options.timeoutMs),
  };
  return {
    code: 'DELIVERY_NOT_CONFIRMED',
    cause: null,
    summary: junkFolder
      ? t('deliveryVerdict.notConfirmed.summaryInboxOrJunk', params)
      : t('deliveryVerdict.notConfirmed.summaryInbox', params),
    fix: { text: t('deliveryVerdict.notConfirmed.fix'), settings: {} },
    imapResponse: null,
  };
}

/** The caller's acceptedAt promise rejected (the send failed): checkDelivery rejects with its reason. */
class AcceptanceFailed {
  readonly reason: unknown;
  constructor(reason: unknown) {
    this.reason = reason;
  }
}

/** Waits `ms`, or less when `stop` aborts; leaves no listener behind either way. */
function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    stop.addEventListener('abort', done, { once: true });
  });
}

/**
 * The watch's deadline, resolving null: `acceptedAt + timeoutMs`, but never before every
 * watched folder was searched once (a slow login must not use up a short timeout unseen),
 * unless that first round itself takes longer than `graceMs`.
 */
async function deadline(
  accepted: Promise<number>,
  timeoutMs: number,
  firstRound: Promise<void>,
  graceMs: number,
  stop: AbortSignal,
): Promise<null> {
  const at = await accepted.catch((reason: unknown) => {
    throw new AcceptanceFailed(reason);
  });
  await Promise.all([
    sleep(at + timeoutMs - Date.now(), stop),
    Promise.race([firstRound, sleep(graceMs, stop)]),
  ]);
  return null;
}

export async function checkDelivery(options: CheckDeliveryOptions): Promise<DeliveryResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const clients = new Set<ImapFlow>();
  const stop = new AbortController();
  const closeAll = (): void => {
    stop.abort();
    for (const client of clients) client.close();
  };
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      closeAll();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const work = run(options, clients, stop);
  work.catch(() => undefined); // after an abort, its rejection is nobody's business
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    closeAll();
  }
}

async function run(
  options: CheckDeliveryOptions,
  clients: Set<ImapFlow>,
  stop: AbortController,
): Promise<DeliveryResult> {
  const { imap, runId } = options;
  const accepted = Promise.resolve(options.acceptedAt);
  accepted.catch(() => undefined); // handled where it is awaited; not "unhandled" meanwhile
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const track = (client: ImapFlow): void => void clients.add(client);
  const failed = (error: unknown): DeliveryResult => {
    if (stop.signal.aborted) throw error;
    return { ok: false, failure: imapFailure(error, imap, connectTimeoutMs, options.language), report: null };
  };

  // --- Connect, log in, find the folders ---
  options.onProgress?.({ state: 'connecting' });
  let primary: ImapFlow;
  let junk: string | null;
  let inbox = 'INBOX';
  try {
    primary = await openImap(imap, connectTimeoutMs, track);
    const folders = await withDeadline(
      primary.list(),
      connectTimeoutMs,
      () =>
        new ImapStepError('RESPONSE_TIMEOUT', 'The folder list did not arrive in time.', {
          waitedMs: connectTimeoutMs,
          step: 'folderList',
        }),
    );
    junk = findJunkFolder(folders);
    inbox = folders.find((f) => f.path.toUpperCase() === 'INBOX')?.path ?? inbox;
  } catch (error) {
    return failed(error);
  }

  // --- Watch: IDLE on one connection per folder, or polling on one ---
  const idleOffered = options.watch !== 'poll' && primary.capabilities.has('IDLE');
  let junkClient: ImapFlow | null = null;
  if (idleOffered && junk) {
    // A second login; if the server refuses more connections, polling on one does the job.
    junkClient = await openImap(imap, connectTimeoutMs, track).catch(() => null);
  }
  const watch: WatchMode = idleOffered && (!junk || junkClient) ? 'idle' : 'poll';
  const watched = junk ? [inbox, junk] : [inbox];
  const searched = new Set<string>();
  let firstRoundDone: () => void = () => undefined;
  const firstRound = new Promise<void>((resolve) => (firstRoundDone = resolve));
  const events: WatchEvents = {
    onWatching: (folder) => options.onProgress?.({ state: 'watching', folder, watch }),
    onSearched: (folder) => {
      searched.add(folder);
      if (searched.size === watched.length) firstRoundDone();
    },
  };
  const watchers: Array<Promise<Sighting | null>> =
    watch === 'idle'
      ? [
          watchWithIdle(primary, inbox, runId, stop.signal, events),
          ...(junk && junkClient ? [watchWithIdle(junkClient, junk, runId, stop.signal, events)] : []),
        ]
      : [watchByPolling(primary, watched, runId, stop.signal, events)];
  for (const watcher of watchers) watcher.catch(() => undefined); // the race below reports the first

  let sighting: Sighting | null;
  try {
    sighting = await Promise.race([
      ...watchers,
      deadline(accepted, options.timeoutMs, firstRound, connectTimeoutMs, stop.signal),
    ]);
  } catch (error) {
    if (error instanceof AcceptanceFailed) throw error.reason;
    return failed(error);
  } finally {
    stop.abort(); // ends the other watchers and the deadline
  }
  // Every connection but the one that found the message is done.
  await Promise.all([...clients].filter((c) => c !== sighting?.client).map((c) => closeImap(c)));

  if (!sighting) {
    return { ok: false, failure: notConfirmed(options, junk), report: emptyReport(watch, junk) };
  }
  const acceptedAt = await accepted;
  options.onProgress?.({ state: 'found', folder: sighting.folder });

  // --- Read the received copy, clean up ---
  const { client, uid, folder } = sighting;
  let raw: Buffer | null;
  let deleted = false;
  let leftSeen = false;
  let cleanupError: string | null = null;
  try {
    const message = await withDeadline(
      client.fetchOne(String(uid), { source: true }, { uid: true }),
      connectTimeoutMs,
      () =>
        new ImapStepError('RESPONSE_TIMEOUT', 'The message did not arrive in time.', {
          waitedMs: connectTimeoutMs,
          step: 'message',
        }),
    );
    raw = message ? (message.source ?? null) : null;
  } catch {
    raw = null; // found is found; only the analysis is lost
  }
  if (options.cleanup) {
    try {
      const outcome = await withDeadline(
        removeTestMessage(client, uid),
        connectTimeoutMs,
        () =>
          new ImapStepError('RESPONSE_TIMEOUT', 'The server did not confirm the deletion in time.', {
            waitedMs: connectTimeoutMs,
            step: 'deletion',
          }),
      );
      deleted = outcome === 'deleted';
      leftSeen = outcome === 'left-seen';
      if (outcome === 'refused') cleanupError = notDeletedReason(folder, options.language);
    } catch (error) {
      cleanupError = imapFailure(error, options.imap, connectTimeoutMs, options.language).summary;
    }
  }
  await closeImap(client);

  const facts = raw
    ? await analyseReceivedCopy(raw, {
        inJunk: folder === junk,
        ...(options.language ? { language: options.language } : {}),
        ...(options.resolver ? { resolver: options.resolver } : {}),
      })
    : { ...emptyReport(watch, junk), spam: folder === junk };
  return {
    ok: true,
    report: {
      ...emptyReport(watch, junk),
      spam: facts.spam,
      hops: facts.hops,
      authentication: facts.authentication,
      authenticationSource: facts.authenticationSource,
      spamHeaders: facts.spamHeaders,
      found: true,
      folder,
      arrivalMs: Math.max(0, sighting.seenAt - acceptedAt),
      deleted,
      leftSeen,
      cleanupError,
    },
  };
}
