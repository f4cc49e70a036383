/**
 * A real mail server for tests: Postfix (SMTP) + Dovecot (IMAP, LMTP, SASL),
 * started as root from a throw-away directory, on free loopback ports.
 *
 * Nothing under /etc (or /var) is read for configuration or written: Postfix
 * runs via `postfix -c <dir>/postfix/etc start`, Dovecot via
 * `dovecot -c <dir>/dovecot/dovecot.conf`. Everything — config, queue, TLS
 * files, sockets, logs, mailboxes — lives in `rig.dir`, which `stop()` removes.
 * (Set RIG_KEEP_DIR=1 to keep it after stop for post-mortems.)
 *
 * Listeners (all on 127.0.0.1, ports picked at start):
 *   ports.plain       Postfix smtpd, MX-style: no TLS, no AUTH. Accepts mail for
 *                     the rig domain (rig.test) from anyone, refuses everything
 *                     else with "554 5.7.1 ...: Relay access denied".
 *   ports.submission  Postfix smtpd, STARTTLS offered and required
 *                     (smtpd_tls_security_level=encrypt -> "530 5.7.0 Must issue
 *                     a STARTTLS command first"), AUTH only after STARTTLS
 *                     (smtpd_tls_auth_only), SASL PLAIN/LOGIN checked by Dovecot.
 *                     Anonymous clients are refused with 5.7.1: "Relay access
 *                     denied" for foreign domains, "Recipient address rejected:
 *                     Access denied" for rig.test.
 *   ports.smtps       Postfix smtpd, implicit TLS (smtpd_tls_wrappermode), same
 *                     AUTH/relay rules as submission.
 *   ports.imap        Dovecot IMAP, cleartext (STARTTLS offered, not required),
 *                     plaintext LOGIN allowed.
 *   ports.imaps       Dovecot IMAP over implicit TLS.
 *   (unix sockets)    Dovecot LMTP (Postfix delivers rig.test mail into it) and
 *                     Dovecot auth (Postfix's smtpd_sasl_path), in
 *                     <dir>/dovecot/run.
 *
 * Mail flow: any smtpd -> cleanup -> qmgr -> lmtp -> Dovecot LMTP (+ Sieve) ->
 * <dir>/mail/<domain>/<local>/Maildir. Mail that an authenticated user sends to
 * another domain is not relayed to the internet: its envelope recipient is
 * rewritten (headers untouched) to sink@rig.test, so tests can assert on it.
 *
 * Accepted but never delivered: mail to `heldAddress` (held@rig.test) is
 * answered "250 ... queued" on every listener and then sits in Postfix's hold
 * queue (a check_recipient_access map answering HOLD), like a relay that
 * accepts and then never delivers. HOLD applies to the whole message, so a
 * message that also names other recipients is not delivered to them either.
 * It has no mailbox, no Dovecot user and no Maildir.
 *
 * Filed as spam by the real server: mail to `spamAddress` (bob-spam@rig.test) gets an
 * `X-Spam-Flag: YES` header prepended by Postfix (the same access map, action PREPEND),
 * is aliased to bob, and Dovecot's Sieve files it into bob's \Junk folder, as a content
 * filter in front of a real mailbox would.
 *
 * TLS: a CA made at start (EC P-256, valid for a day, backdated one hour to
 * survive clock skew) signs the server certificate. The server certificate's
 * SAN is DNS:mail.rig.test + DNS:localhost, deliberately NOT IP:127.0.0.1, so
 * that connecting to 127.0.0.1 without a servername is a real name mismatch.
 * TLS 1.2 is the minimum everywhere.
 *
 * Non-obvious settings, and why:
 * - Postfix services run with chroot=n: the queue dir is a temp dir with no
 *   copies of /etc files inside, and absolute socket paths must work.
 * - The queue directories are created here with the modes from Debian's
 *   postfix-files, then `quick-start` is touched so `postfix start` skips its
 *   integrity check (post-install + find over /usr/lib/postfix: ~1 s, and
 *   nothing to check in an empty, fresh queue).
 * - `postfix -c DIR` as root does not need DIR in alternate_config_directories
 *   of /etc/postfix/main.cf (that check is only for unprivileged callers, e.g.
 *   the setgid postdrop/postqueue, which the rig never uses).
 * - maillog_file (+ the `postlog` service, + maillog_file_prefixes allowing the
 *   temp dir) makes Postfix log to <dir>/postfix.log instead of syslog.
 * - No DNS anywhere (tests must work offline): smtpd_peername_lookup=no,
 *   smtp_dns_support_level=disabled, *_host_lookup=native, no reject_unknown_*.
 * - Fast queue: queue_run_delay/minimal_backoff_time 1s, so a deferred
 *   delivery (e.g. Dovecot briefly busy) is retried at once.
 * - Failed logins are answered at once, so a test that fails to log in on
 *   purpose costs nothing: smtpd_error_sleep_time=0, Dovecot
 *   auth_failure_delay=0 plus a no-op first passdb that sets `nodelay` (2.3.19
 *   otherwise still batches failure replies on a 0.5 s timer).
 * - Dovecot's anvil "auth penalty" (2..15 s extra delay per source IP after a
 *   failed login — everything here comes from 127.0.0.1) is switched off:
 *   `mode = 0` on anvil's `anvil-auth-penalty` listener makes Dovecot not
 *   create that socket, the auth process gets ENOENT connecting to it and
 *   silently runs without penalties.
 * - Dovecot runs with base_dir/state_dir inside the temp dir (the default
 *   state_dir /var/lib/dovecot would get an `instances` file) and delivers as
 *   the system user `mail` (Dovecot refuses uid 0; first_valid_uid is lowered
 *   to that uid).
 * - Sieve: a global `sieve_before` script files messages carrying
 *   `X-Spam-Flag: YES` into the special-use \Junk folder.
 * - Postfix refuses to read main.cf/master.cf/tables whose mtime is within the
 *   last second (it sleeps 300 ms and retries, ~1.3 s per start), so the
 *   generated files are backdated.
 * - The daemons are started with stdout/stderr redirected to files: an
 *   inherited pipe would keep the spawn from ever finishing.
 * - stop() sends SIGTERM to both masters itself (what `postfix abort` and
 *   `doveadm stop` do) rather than running `postfix stop`, which polls in 1 s
 *   steps. The masters are re-parented to PID 1, so a zombie counts as gone.
 *   Dovecot's master ends with a fixed 1 s wait for its log process; it is
 *   SIGKILLed once that is all it is doing. ~0.1 s instead of ~2 s.
 * - A process exit hook SIGTERMs the daemons of rigs never stopped (crashed
 *   test runner), so they do not outlive it.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import {
  chmod,
  chown,
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdir,
  rm,
  utimes,
  writeFile,
} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface RigUser {
  address: string;
  username: string;
  password: string;
}

export interface RigPorts {
  plain: number;
  submission: number;
  smtps: number;
  imap: number;
  imaps: number;
}

/** The plain-data part of a rig: JSON-serializable (vitest `provide`, cli output). */
export interface RigInfo {
  host: '127.0.0.1';
  ports: RigPorts;
  /** PEM of the rig's own test CA (the server certificate is signed by it). */
  caPem: string;
  /** Path of that CA PEM. */
  caFile: string;
  /** DNS name in the server certificate's SAN (the other one is 'localhost'; no IP SAN). */
  serverName: string;
  /** The rig's mail domain. */
  domain: string;
  user: RigUser;
  otherUsers: RigUser[];
  /** Mailbox that receives what authenticated users send to other domains. */
  sink: RigUser;
  /** A rig.test address Postfix accepts (250, queued) and never delivers: it goes to the hold queue. */
  heldAddress: string;
  /** Delivered to bob, but marked as spam on the way, so Sieve files it into bob's Junk. */
  spamAddress: string;
  /** The temp dir holding everything (config, queue, sockets, logs, mail). */
  dir: string;
  logs: { postfix: string; dovecot: string };
}

export interface WaitOptions {
  /** IMAP folder to look in instead of INBOX, e.g. 'Junk' (Maildir++ folder `.Junk`). */
  folder?: string;
}

export interface Rig extends RigInfo {
  /** Path of a user's Maildir (root folder containing new/ cur/ tmp/). */
  maildir(user: string): string;
  /**
   * Polls the user's INBOX (new/ + cur/; or `options.folder`) every 50 ms until
   * `predicate` accepts a message; returns it raw. Rejects after `timeoutMs`
   * (default 10 s; 0 = look once) with the tail of the Postfix log.
   */
  waitForMessage(
    user: string,
    predicate: (raw: string) => boolean,
    timeoutMs?: number,
    options?: WaitOptions,
  ): Promise<string>;
  /** Stops both daemons, waits until the ports are closed, removes `dir`. Idempotent. */
  stop(): Promise<void>;
}

export interface StartRigOptions {
  /**
   * Directory to use instead of a fresh temp dir (must be missing or empty).
   * A caller-supplied dir is not deleted by stop(). Keep the path short:
   * unix socket paths inside it are limited to ~100 bytes.
   */
  dir?: string;
  /**
   * Postfix refuses a HELO/EHLO name that is not a fully qualified domain name
   * (`smtpd_helo_restrictions = reject_non_fqdn_helo_hostname`, with
   * `smtpd_helo_required`), as strict servers do. Off by default.
   */
  strictHelo?: boolean;
  /** Postfix offers SMTPUTF8 (`smtputf8_enable`). On by default. */
  smtputf8?: boolean;
  /**
   * Dovecot advertises its usual IMAP capabilities minus UIDPLUS (`imap_capability`),
   * like an IMAP server without UID EXPUNGE. Off by default.
   */
  imapWithoutUidplus?: boolean;
  /**
   * Opt-in OAuth mode: Dovecot also offers XOAUTH2 and OAUTHBEARER (so Postfix's
   * submission and smtps listeners do), checking each bearer token with its `oauth2`
   * passdb against this RFC 7662 introspection URL (credentials in the URL, POSTed);
   * the introspection answer's `email` is the user. See test/support/oauth-server.ts.
   */
  oauth2?: { introspectionUrl: string };
}

/**
 * Dovecot 2.3's own post-login capability list less UIDPLUS (and QRESYNC, which reports
 * expunges by UID and would let a client expect UID EXPUNGE).
 */
const IMAP_CAPABILITY_WITHOUT_UIDPLUS =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS ' +
  'THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE LIST-EXTENDED ' +
  'I18NLEVEL=1 CONDSTORE ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE ' +
  'SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE';

const HOST = '127.0.0.1' as const;
const DOMAIN = 'rig.test';
const SERVER_NAME = 'mail.rig.test';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

const USERS: RigUser[] = [
  { address: 'alice@rig.test', username: 'alice@rig.test', password: 'alice-password' },
  { address: 'bob@rig.test', username: 'bob@rig.test', password: 'bob-password' },
];
const SINK: RigUser = { address: 'sink@rig.test', username: 'sink@rig.test', password: 'sink-password' };
/** Accepted, then kept in the hold queue for good (see the header comment). */
const HELD_ADDRESS = 'held@rig.test';
const SPAM_ADDRESS = 'bob-spam@rig.test';

// ---------------------------------------------------------------------------
// Plain-data helpers (also used by inject.ts around the provided RigInfo)
// ---------------------------------------------------------------------------

/** Maildir of `user` ('alice', 'alice@rig.test'): <dir>/mail/<domain>/<local>/Maildir. */
export function rigMaildir(info: Pick<RigInfo, 'dir' | 'domain'>, user: string): string {
  const at = user.lastIndexOf('@');
  const local = (at >= 0 ? user.slice(0, at) : user).toLowerCase();
  const domain = (at >= 0 ? user.slice(at + 1) : info.domain).toLowerCase();
  if (!/^[a-z0-9._+-]+$/.test(local) || !/^[a-z0-9.-]+$/.test(domain)) {
    throw new Error(`rig: not a rig user: ${JSON.stringify(user)}`);
  }
  return path.join(info.dir, 'mail', domain, local, 'Maildir');
}

/** Maildir++ directory of an IMAP folder: INBOX = the Maildir itself, 'Junk' = .Junk, 'a/b' = .a.b */
function folderDir(maildir: string, folder: string | undefined): string {
  if (!folder || folder.toUpperCase() === 'INBOX') return maildir;
  return path.join(maildir, `.${folder.split('/').join('.')}`);
}

/** See Rig.waitForMessage. */
export async function waitForRigMessage(
  info: Pick<RigInfo, 'dir' | 'domain' | 'logs'>,
  user: string,
  predicate: (raw: string) => boolean,
  timeoutMs = 10_000,
  options: WaitOptions = {},
): Promise<string> {
  const root = folderDir(rigMaildir(info, user), options.folder);
  const deadline = Date.now() + timeoutMs;
  const checked = new Set<string>();
  for (;;) {
    for (const sub of ['new', 'cur']) {
      let names: string[];
      try {
        names = await readdir(path.join(root, sub));
      } catch {
        continue; // Maildir not created yet (first delivery creates it)
      }
      for (const name of names.sort()) {
        // A message moving new/ -> cur/ gets a ":2,<flags>" suffix; key on the base name.
        const key = name.replace(/:2,.*$/, '');
        if (checked.has(key)) continue;
        let raw: string;
        try {
          raw = await readFile(path.join(root, sub, name), 'utf8');
        } catch {
          continue; // moved to cur/ meanwhile; picked up on the next pass
        }
        checked.add(key);
        if (predicate(raw)) return raw;
      }
    }
    if (Date.now() >= deadline) {
      const tail = await logTail(info.logs.postfix, 15);
      throw new Error(
        `rig: no matching message for ${user} in ${root} after ${timeoutMs} ms ` +
          `(${checked.size} message(s) looked at)\n--- postfix.log (tail) ---\n${tail}`,
      );
    }
    await sleep(50);
  }
}

/** The serializable part of a Rig (drops the functions). */
export function toRigInfo(rig: RigInfo): RigInfo {
  return {
    host: rig.host,
    ports: { ...rig.ports },
    caPem: rig.caPem,
    caFile: rig.caFile,
    serverName: rig.serverName,
    domain: rig.domain,
    user: { ...rig.user },
    otherUsers: rig.otherUsers.map((u) => ({ ...u })),
    sink: { ...rig.sink },
    heldAddress: rig.heldAddress,
    spamAddress: rig.spamAddress,
    dir: rig.dir,
    logs: { ...rig.logs },
  };
}

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function logTail(file: string, lines = 40): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
  } catch (error) {
    return `(unreadable: ${(error as Error).message})`;
  }
}

const SBIN_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
function findBinary(name: string): string {
  for (const dir of [...SBIN_DIRS, ...(process.env.PATH ?? '').split(path.delimiter)]) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  throw new Error(
    `rig: ${name} not found (install postfix, dovecot-core, dovecot-imapd, dovecot-lmtpd, dovecot-sieve)`,
  );
}

/** Runs a short-lived command, resolves with stdout, rejects with stderr in the message. */
function run(file: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: options.cwd, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(
          new Error(`rig: ${path.basename(file)} ${args.join(' ')} failed: ${error.message}\n${stderr}`),
        );
      } else {
        resolve(stdout);
      }
    });
  });
}

/**
 * Runs a command that leaves a daemon behind. stdout/stderr go to `outFile`
 * (never a pipe: the daemon would inherit it and keep it open), and we wait
 * for the 'exit' of the direct child only.
 */
async function runDaemonizer(file: string, args: string[], outFile: string): Promise<void> {
  const out = await open(outFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(file, args, { stdio: ['ignore', out.fd, out.fd], env: daemonEnv() });
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) {
      throw new Error(
        `rig: ${path.basename(file)} ${args.join(' ')} exited with ${code}\n${await logTail(outFile)}`,
      );
    }
  } finally {
    await out.close();
  }
}

function daemonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: 'C' };
  delete env.MAIL_CONFIG; // postfix -c sets it; a stray one from the caller must not win
  delete env.MAIL_DEBUG;
  return env;
}

function lookupId(kind: 'user' | 'group', name: string): number {
  const out = execFileSync('id', [kind === 'user' ? '-u' : '-g', name], { encoding: 'utf8' });
  return Number(out.trim());
}
function lookupGroup(name: string): number {
  const line = execFileSync('getent', ['group', name], { encoding: 'utf8' }).trim();
  return Number(line.split(':')[2]);
}

/** Reserves distinct free loopback ports (bind :0 all at once, read, close). */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: HOST, port: 0, exclusive: true }, () => resolve());
      });
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/**
 * Is `pid` still running? The daemons are re-parented to PID 1, which may reap
 * them late: a zombie (state Z/X in /proc/<pid>/stat) counts as gone.
 */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const st = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return st !== 'Z' && st !== 'X';
  } catch {
    return false; // vanished between kill(0) and the read
  }
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, wait for the pid to go away; SIGKILL (its process group too) after `graceMs`. */
async function terminate(pid: number, graceMs: number): Promise<void> {
  if (!pidAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) {
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // already gone / not a group leader
        }
      }
      await sleep(50);
      return;
    }
    await sleep(10);
  }
}

/** Live (non-zombie) children of `pid` with their comm names, from /proc. */
async function childrenOf(pid: number): Promise<Array<{ pid: number; comm: string }>> {
  const result: Array<{ pid: number; comm: string }> = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = await readFile(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (Number(ppid) === pid && state !== 'Z' && state !== 'X') {
      result.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, close) });
    }
  }
  return result;
}

/**
 * Stops Dovecot's master. On SIGTERM it stops every service, then keeps only
 * its log process and sleeps a fixed 1 s before exiting ("let the log
 * process finish"). Once nothing but that log process is left, the master is
 * only waiting: SIGKILL it (the log process exits when it sees the master go).
 */
async function terminateDovecot(pid: number, graceMs: number): Promise<void> {
  if (!pidAlive(pid)) return;
  const before = await childrenOf(pid);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  let killed = false;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) break;
    const children = await childrenOf(pid);
    if (!killed && children.every((c) => c.comm === 'log')) {
      killed = true;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited by itself meanwhile
      }
    }
    await sleep(10);
  }
  if (pidAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  // Its former children (log, stragglers) must go too.
  for (const child of before) {
    const until = Date.now() + 2000;
    while (pidAlive(child.pid) && Date.now() < until) await sleep(10);
    if (pidAlive(child.pid)) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Connects (plain or implicit TLS) and resolves with the first line the server sends. */
function readGreeting(port: number, useTls: boolean, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: net.Socket = useTls
      ? tls.connect({ host: HOST, port, ca, servername: SERVER_NAME, minVersion: 'TLSv1.2' })
      : net.connect({ host: HOST, port });
    let buffer = '';
    const done = (error: Error | undefined, line?: string): void => {
      socket.removeAllListeners('data');
      socket.destroy();
      if (error) reject(error);
      else resolve(line ?? '');
    };
    socket.setTimeout(3000, () => done(new Error(`timeout waiting for greeting on ${port}`)));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const eol = buffer.indexOf('\n');
      if (eol >= 0) done(undefined, buffer.slice(0, eol).trimEnd());
    });
    socket.on('error', (error) => done(error));
    socket.once('end', () =>
      done(new Error(`connection to ${port} closed before a greeting (got ${JSON.stringify(buffer)})`)),
    );
  });
}

// ---------------------------------------------------------------------------
// Config generation
// ---------------------------------------------------------------------------

interface Layout {
  dir: string;
  tls: string;
  caKey: string;
  caFile: string;
  serverKey: string;
  serverCert: string;
  pfConfig: string;
  pfQueue: string;
  pfData: string;
  pfLog: string;
  pfStartOut: string;
  dvDir: string;
  dvConf: string;
  dvUsers: string;
  dvBase: string;
  dvState: string;
  dvLog: string;
  dvStartOut: string;
  dvLmtpSocket: string;
  dvAuthSocket: string;
  sieveDir: string;
  mailRoot: string;
}

function layoutOf(dir: string): Layout {
  const p = (...parts: string[]): string => path.join(dir, ...parts);
  return {
    dir,
    tls: p('tls'),
    caKey: p('tls', 'ca.key'),
    caFile: p('tls', 'ca.pem'),
    serverKey: p('tls', 'server.key'),
    serverCert: p('tls', 'server.pem'),
    pfConfig: p('postfix', 'etc'),
    pfQueue: p('postfix', 'spool'),
    pfData: p('postfix', 'data'),
    pfLog: p('postfix.log'),
    pfStartOut: p('postfix', 'start.out'),
    dvDir: p('dovecot'),
    dvConf: p('dovecot', 'dovecot.conf'),
    dvUsers: p('dovecot', 'users'),
    dvBase: p('dovecot', 'run'),
    dvState: p('dovecot', 'state'),
    dvLog: p('dovecot.log'),
    dvStartOut: p('dovecot', 'start.out'),
    dvLmtpSocket: p('dovecot', 'run', 'lmtp'),
    dvAuthSocket: p('dovecot', 'run', 'auth-postfix'),
    sieveDir: p('sieve'),
    mailRoot: p('mail'),
  };
}

/** UTCTime-ish stamp for `openssl ca -startdate/-enddate`: YYYYMMDDHHMMSSZ. */
function opensslTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

async function makeCertificates(l: Layout): Promise<void> {
  const openssl = findBinary('openssl');
  await mkdir(path.join(l.tls, 'newcerts'), { recursive: true });
  await writeFile(path.join(l.tls, 'index.txt'), '');
  const cnf = path.join(l.tls, 'openssl.cnf');
  await writeFile(
    cnf,
    [
      '[ ca ]',
      'default_ca = rig_ca',
      '[ rig_ca ]',
      `database = ${path.join(l.tls, 'index.txt')}`,
      `new_certs_dir = ${path.join(l.tls, 'newcerts')}`,
      'rand_serial = yes',
      'default_md = sha256',
      'policy = policy_any',
      'unique_subject = no',
      'copy_extensions = none',
      'email_in_dn = no',
      '[ policy_any ]',
      'organizationName = optional',
      'commonName = supplied',
      '[ ca_ext ]',
      'basicConstraints = critical,CA:TRUE,pathlen:0',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '[ server_ext ]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = DNS:${SERVER_NAME},DNS:localhost`,
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '[ req ]',
      'distinguished_name = req_dn',
      'prompt = no',
      '[ req_dn ]',
      'CN = unused',
      '',
    ].join('\n'),
  );
  const now = Date.now();
  const validity = [
    '-startdate',
    opensslTime(new Date(now - 60 * 60 * 1000)),
    '-enddate',
    opensslTime(new Date(now + 23 * 60 * 60 * 1000)),
  ];
  const caCsr = path.join(l.tls, 'ca.csr');
  const serverCsr = path.join(l.tls, 'server.csr');
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  // CA and server keys/CSRs are independent: make them in parallel.
  await Promise.all([
    run(openssl, [
      'req',
      '-new',
      '-config',
      cnf,
      ...newKey,
      '-keyout',
      l.caKey,
      '-out',
      caCsr,
      '-subj',
      '/O=Mail Preflight/CN=Mail Preflight Test Rig CA',
    ]),
    run(openssl, [
      'req',
      '-new',
      '-config',
      cnf,
      ...newKey,
      '-keyout',
      l.serverKey,
      '-out',
      serverCsr,
      '-subj',
      `/CN=${SERVER_NAME}`,
    ]),
  ]);
  await run(openssl, [
    'ca',
    '-batch',
    '-config',
    cnf,
    '-selfsign',
    '-keyfile',
    l.caKey,
    '-in',
    caCsr,
    '-out',
    l.caFile,
    '-extensions',
    'ca_ext',
    '-notext',
    ...validity,
  ]);
  await run(openssl, [
    'ca',
    '-batch',
    '-config',
    cnf,
    '-cert',
    l.caFile,
    '-keyfile',
    l.caKey,
    '-in',
    serverCsr,
    '-out',
    l.serverCert,
    '-extensions',
    'server_ext',
    '-notext',
    ...validity,
  ]);
  await chmod(l.caFile, 0o644);
  await chmod(l.serverCert, 0o644);
  await chmod(l.serverKey, 0o600);
  await chmod(l.caKey, 0o600);
}

function postfixMainCf(l: Layout, options: StartRigOptions): string {
  return `# Generated by test/rig/rig.ts — see the header comment there.
compatibility_level = 3.6
queue_directory = ${l.pfQueue}
data_directory = ${l.pfData}
mail_owner = postfix
setgid_group = postdrop

maillog_file = ${l.pfLog}
maillog_file_prefixes = ${l.dir}
smtpd_tls_loglevel = 1

inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = ${SERVER_NAME}
mydomain = ${DOMAIN}
myorigin = $mydomain
mydestination =
mynetworks = 127.0.0.1/32
relay_domains =
smtpd_banner = $myhostname ESMTP
biff = no
smtputf8_enable = ${options.smtputf8 === false ? 'no' : 'yes'}
message_size_limit = 10485760

# Local (unix account) delivery is not used; rig.test is a virtual mailbox domain
# delivered by Dovecot over LMTP. Unknown rig.test users are refused at RCPT time.
local_transport = error:5.1.1 local delivery is disabled in the test rig
alias_maps =
alias_database =
local_recipient_maps =
virtual_mailbox_domains = ${DOMAIN}
virtual_mailbox_maps = texthash:${l.pfConfig}/virtual_mailboxes
virtual_alias_maps = texthash:${l.pfConfig}/virtual_aliases
virtual_transport = lmtp:unix:${l.dvLmtpSocket}

# Authenticated mail to other domains is not sent to the internet: the envelope
# recipient becomes the sink mailbox (headers stay as they were).
recipient_canonical_maps = regexp:${l.pfConfig}/sink_canonical
recipient_canonical_classes = envelope_recipient

# Offline: no DNS lookups at all.
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
smtp_host_lookup = native
lmtp_host_lookup = native

# Fast queue for tests.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
smtpd_error_sleep_time = 0

# Default policy (the plain/MX listener): only mail for rig.test.
smtpd_relay_restrictions = reject_unauth_destination
# HOLD (non-terminating) puts mail for the held address in the hold queue after a 250.
smtpd_recipient_restrictions = check_recipient_access texthash:${l.pfConfig}/held_recipients

# TLS: rig CA-signed certificate, TLS 1.2 minimum. Listeners choose the level.
smtpd_tls_chain_files = ${l.serverKey}, ${l.serverCert}
smtpd_tls_security_level = may
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_received_header = yes
smtp_tls_security_level = none
lmtp_tls_security_level = none

# SASL via Dovecot's auth service (enabled per listener in master.cf).
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${l.dvAuthSocket}
smtpd_sasl_auth_enable = no
smtpd_sasl_security_options = noanonymous
${
  options.strictHelo
    ? `
# Strict HELO (StartRigOptions.strictHelo): a bare host name such as "vm" is refused.
smtpd_helo_required = yes
smtpd_helo_restrictions = reject_non_fqdn_helo_hostname
`
    : ''
}`;
}

/** master.cf's internal services (no listeners), chroot off: every Postfix of the tests runs them. */
export const POSTFIX_SERVICES = `pickup     unix  n - n 60    1 pickup
cleanup    unix  n - n -     0 cleanup
qmgr       unix  n - n 300   1 qmgr
tlsmgr     unix  - - n 1000? 1 tlsmgr
rewrite    unix  - - n -     - trivial-rewrite
bounce     unix  - - n -     0 bounce
defer      unix  - - n -     0 bounce
trace      unix  - - n -     0 bounce
verify     unix  - - n -     1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n -     - proxymap
proxywrite unix  - - n -     1 proxymap
smtp       unix  - - n -     - smtp
relay      unix  - - n -     - smtp
showq      unix  n - n -     - showq
error      unix  - - n -     - error
retry      unix  - - n -     - error
discard    unix  - - n -     - discard
lmtp       unix  - - n -     - lmtp
anvil      unix  - - n -     1 anvil
scache     unix  - - n -     1 scache
postlog    unix-dgram n - n - 1 postlogd
`;

function postfixMasterCf(l: Layout, ports: RigPorts): string {
  const authenticated = [
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination',
    `  -o smtpd_recipient_restrictions=check_recipient_access,texthash:${l.pfConfig}/held_recipients,permit_sasl_authenticated,reject`,
  ].join('\n');
  return `# Generated by test/rig/rig.ts. chroot is off everywhere (temp queue dir).
# service type  private unpriv  chroot  wakeup  maxproc command + args
${HOST}:${ports.plain} inet n - n - - smtpd
  -o syslog_name=postfix/plain
  -o smtpd_tls_security_level=none
  -o smtpd_sasl_auth_enable=no
${HOST}:${ports.submission} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
${authenticated}
${HOST}:${ports.smtps} inet n - n - - smtpd
  -o syslog_name=postfix/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
${authenticated}
${POSTFIX_SERVICES}`;
}

/** The OAuth mode's passdb (Dovecot 2.3's oauth2 driver) and its settings file. */
function dovecotOAuth2(l: Layout, oauth2: StartRigOptions['oauth2']): { passdb: string; ext: string | null } {
  if (!oauth2) return { passdb: '', ext: null };
  return {
    passdb: `passdb {
  driver = oauth2
  mechanisms = XOAUTH2 OAUTHBEARER
  args = ${path.join(l.dvDir, 'oauth2.conf.ext')}
}
`,
    ext: `introspection_mode = post
introspection_url = ${oauth2.introspectionUrl}
username_attribute = email
active_attribute = active
active_value = true
`,
  };
}

function dovecotConf(
  l: Layout,
  ports: RigPorts,
  mailUid: number,
  mailGid: number,
  instance: string,
  options: StartRigOptions,
  oauth2Passdb = '',
): string {
  return `# Generated by test/rig/rig.ts — see the header comment there.
instance_name = ${instance}
base_dir = ${l.dvBase}
state_dir = ${l.dvState}
log_path = ${l.dvLog}
protocols = imap lmtp
listen = ${HOST}

ssl = yes
ssl_cert = <${l.serverCert}
ssl_key = <${l.serverKey}
ssl_min_protocol = TLSv1.2

# Cleartext logins on the plain IMAP port are allowed (it's loopback-only).
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2Passdb ? ' xoauth2 oauthbearer' : ''}
auth_failure_delay = 0
auth_verbose = yes
# Dovecot 2.3.19 still queues failure replies on a 0.5 s timer with
# auth_failure_delay = 0, unless the request carries "nodelay". This first
# passdb authenticates nothing; it only adds nodelay to every request.
passdb {
  driver = static
  args = noauthenticate nodelay=yes
  result_success = continue
  result_failure = continue
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${l.dvUsers}
}
${oauth2Passdb}userdb {
  driver = passwd-file
  args = username_format=%u ${l.dvUsers}
}

# Mail is stored as the system user 'mail' (Dovecot never uses uid 0).
mail_uid = ${mailUid}
mail_gid = ${mailGid}
first_valid_uid = ${mailUid}
first_valid_gid = ${mailGid}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = ${HOST}
    port = ${ports.imap}
  }
  inet_listener imaps {
    address = ${HOST}
    port = ${ports.imaps}
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
# mode 0 = socket not created = no per-IP auth penalty (see header).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

${options.imapWithoutUidplus ? `protocol imap {\n  imap_capability = ${IMAP_CAPABILITY_WITHOUT_UIDPLUS}\n}\n` : ''}protocol lmtp {
  mail_plugins = $mail_plugins sieve
  postmaster_address = postmaster@${DOMAIN}
}
plugin {
  sieve_before = ${l.sieveDir}/spam.sieve
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
`;
}

const SPAM_SIEVE = `# Global (sieve_before) script of the test rig.
require ["fileinto"];
if header :is "X-Spam-Flag" "YES" {
  fileinto "Junk";
  stop;
}
`;

// ---------------------------------------------------------------------------
// Start / stop
// ---------------------------------------------------------------------------

interface LiveState {
  postfixPid?: number;
  dovecotPid?: number;
  pidFiles?: string[];
  postfixLaunched?: boolean;
  dovecotLaunched?: boolean;
  removeDir: boolean;
}
const liveRigs = new Map<string, LiveState>();
let exitHookInstalled = false;

/** Last-resort cleanup if the process exits without stop() (sync only). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [dir, state] of liveRigs) {
      const pids = new Set([state.postfixPid, state.dovecotPid]);
      for (const file of state.pidFiles ?? []) {
        try {
          pids.add(Number.parseInt(readFileSync(file, 'utf8').trim(), 10));
        } catch {
          // not written
        }
      }
      for (const pid of pids) {
        if (pid !== undefined && Number.isInteger(pid) && pid > 1) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            // gone
          }
        }
      }
      if (state.removeDir && process.env.RIG_KEEP_DIR !== '1') {
        try {
          rmSync(dir, { recursive: true, force: true });
        } catch {
          // daemons may still be writing; nothing more we can do synchronously
        }
      }
    }
  });
}

const debug = process.env.RIG_DEBUG === '1';
function trace(t0: number, what: string): void {
  if (debug) process.stderr.write(`rig: +${Date.now() - t0} ms ${what}\n`);
}

class PortCollisionError extends Error {}

/**
 * Starts a rig: ~0.3 s on an idle machine. Rejects (after cleaning up) with
 * the tails of the daemons' logs if it does not come up within 20 s.
 */
/**
 * A fresh queue directory and data directory for a Postfix started as root from a temp
 * dir: the queue's subdirectories with the owners and modes of Debian's postfix-files, and
 * `quick-start`, so `postfix start` skips its integrity check.
 */
export async function createPostfixQueue(queueDir: string, dataDir: string): Promise<void> {
  const postfixUid = lookupId('user', 'postfix');
  const postfixGid = lookupId('group', 'postfix');
  const postdropGid = lookupGroup('postdrop');
  await mkdir(queueDir, { mode: 0o755 });
  const queueDirs: Array<[string, number, number]> = [
    ['active', 0o700, postfixGid],
    ['bounce', 0o700, postfixGid],
    ['corrupt', 0o700, postfixGid],
    ['defer', 0o700, postfixGid],
    ['deferred', 0o700, postfixGid],
    ['flush', 0o700, postfixGid],
    ['hold', 0o700, postfixGid],
    ['incoming', 0o700, postfixGid],
    ['private', 0o700, postfixGid],
    ['saved', 0o700, postfixGid],
    ['trace', 0o700, postfixGid],
    ['maildrop', 0o1730, postdropGid],
    ['public', 0o2710, postdropGid],
  ];
  for (const [name, mode, gid] of queueDirs) {
    const p = path.join(queueDir, name);
    await mkdir(p);
    await chown(p, postfixUid, gid);
    await chmod(p, mode); // after chown: chown clears setgid
  }
  await mkdir(path.join(queueDir, 'pid'), { mode: 0o755 });
  await mkdir(dataDir, { mode: 0o700 });
  await chown(dataDir, postfixUid, postfixGid);
  // Skip postfix-script's integrity check: nothing to check in a fresh queue.
  await writeFile(path.join(queueDir, 'quick-start'), '');
}

export async function startRig(options: StartRigOptions = {}): Promise<Rig> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('rig: must run as root (Postfix and Dovecot are started from a temp config dir)');
  }
  try {
    return await startOnce(options);
  } catch (error) {
    // Another process took one of the ports between our probe and the daemons'
    // bind (the probe-then-bind race): try once more with fresh ports.
    if (error instanceof PortCollisionError && !options.dir) return await startOnce(options);
    throw error;
  }
}

async function startOnce(options: StartRigOptions): Promise<Rig> {
  const t0 = Date.now();
  const postfix = findBinary('postfix');
  const dovecot = findBinary('dovecot');

  let dir: string;
  let removeDir: boolean;
  if (options.dir) {
    dir = path.resolve(options.dir);
    await mkdir(dir, { recursive: true });
    if ((await readdir(dir)).length > 0) throw new Error(`rig: ${dir} is not empty`);
    removeDir = false;
  } else {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mail-rig-'));
    removeDir = true;
  }
  // postfix/dovecot/dovenull/mail must traverse it (mkdtemp makes it 0700).
  await chmod(dir, 0o755);
  const l = layoutOf(dir);
  if (Buffer.byteLength(l.dvAuthSocket) > 100) {
    if (removeDir) await rm(dir, { recursive: true, force: true });
    throw new Error(`rig: ${dir} is too long for unix socket paths; use a shorter TMPDIR or options.dir`);
  }

  const state: LiveState = { removeDir };
  liveRigs.set(dir, state);
  installExitHook();

  let ports: RigPorts | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const s0 = Date.now();
      // A start that failed half-way may have launched a daemon whose pid file is
      // still being written: give it a moment rather than leaking the daemon.
      const pidOf = async (
        known: number | undefined,
        file: string,
        launched: boolean,
      ): Promise<number | undefined> => {
        const until = Date.now() + (launched ? 2000 : 0);
        for (;;) {
          const pid = known ?? (await readPid(file));
          if (pid !== undefined || Date.now() >= until) return pid;
          await sleep(20);
        }
      };
      const [postfixPid, dovecotPid] = await Promise.all([
        pidOf(state.postfixPid, path.join(l.pfQueue, 'pid', 'master.pid'), state.postfixLaunched === true),
        pidOf(state.dovecotPid, path.join(l.dvBase, 'master.pid'), state.dovecotLaunched === true),
      ]);
      // Postfix's master kills its process group on SIGTERM (what `postfix abort` does);
      // Dovecot's master stops all its services on SIGTERM (what `doveadm stop` does).
      await Promise.all([
        postfixPid === undefined
          ? undefined
          : terminate(postfixPid, STOP_TIMEOUT_MS / 2).then(() => trace(s0, 'postfix master gone')),
        dovecotPid === undefined
          ? undefined
          : terminateDovecot(dovecotPid, STOP_TIMEOUT_MS / 2).then(() => trace(s0, 'dovecot master gone')),
      ]);
      if (ports) {
        const deadline = Date.now() + STOP_TIMEOUT_MS / 2;
        for (const port of Object.values(ports)) {
          while (await portAccepts(port)) {
            if (Date.now() > deadline) throw new Error(`rig: port ${port} still open after stop`);
            await sleep(20);
          }
        }
      }
      trace(s0, 'ports closed');
      liveRigs.delete(dir);
      if (removeDir && process.env.RIG_KEEP_DIR !== '1') {
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      }
    })();
    return stopping;
  };

  try {
    const [plain, submission, smtps, imap, imaps] = await freePorts(5);
    ports = { plain: plain!, submission: submission!, smtps: smtps!, imap: imap!, imaps: imaps! };

    const mailUid = lookupId('user', 'mail');
    const mailGid = lookupId('group', 'mail');

    trace(t0, 'ports + ids');
    await makeCertificates(l);
    trace(t0, 'certificates');
    const caPem = await readFile(l.caFile, 'utf8');

    // --- Postfix: config + queue directories (modes as in postfix-files) ---
    await mkdir(l.pfConfig, { recursive: true });
    await writeFile(path.join(l.pfConfig, 'main.cf'), postfixMainCf(l, options));
    await writeFile(path.join(l.pfConfig, 'master.cf'), postfixMasterCf(l, ports));
    const mailboxes = [...USERS, SINK].map((u) => `${u.address} ${u.address}`).join('\n');
    // The held address must pass the "unknown user" check at RCPT to be accepted at all.
    await writeFile(path.join(l.pfConfig, 'virtual_mailboxes'), `${mailboxes}\n${HELD_ADDRESS} held\n`);
    await writeFile(
      path.join(l.pfConfig, 'held_recipients'),
      `${HELD_ADDRESS} HOLD accepted and held by the test rig\n${SPAM_ADDRESS} PREPEND X-Spam-Flag: YES\n`,
    );
    await writeFile(
      path.join(l.pfConfig, 'virtual_aliases'),
      `postmaster@${DOMAIN} ${SINK.address}\n${SPAM_ADDRESS} ${USERS[1]!.address}\n`,
    );
    await writeFile(
      path.join(l.pfConfig, 'sink_canonical'),
      `# Envelope recipients outside ${DOMAIN} go to the sink mailbox.\n!/@${DOMAIN.replace(/\./g, '\\.')}$/ ${SINK.address}\n`,
    );
    await createPostfixQueue(l.pfQueue, l.pfData);
    // Postfix will not read a config/table file modified within the last second
    // ("file is being modified": it retries every 300 ms); backdate them.
    const past = new Date(Date.now() - 60_000);
    for (const name of await readdir(l.pfConfig)) await utimes(path.join(l.pfConfig, name), past, past);

    // --- Dovecot: users, mail homes, sieve, config ---
    await mkdir(l.dvDir, { mode: 0o755 });
    await mkdir(l.dvState, { mode: 0o750 });
    await writeFile(
      l.dvUsers,
      [...USERS, SINK]
        .map((u) => {
          const [local, domain] = u.address.split('@') as [string, string];
          return `${u.username}:${u.password}:${mailUid}:${mailGid}::${path.join(l.mailRoot, domain, local)}::`;
        })
        .join('\n') + '\n',
      { mode: 0o640 },
    );
    await chown(l.dvUsers, 0, lookupGroup('dovecot'));
    for (const u of [...USERS, SINK]) {
      const [local, domain] = u.address.split('@') as [string, string];
      for (const p of [l.mailRoot, path.join(l.mailRoot, domain), path.join(l.mailRoot, domain, local)]) {
        await mkdir(p, { recursive: true });
        await chown(p, mailUid, mailGid);
      }
    }
    await mkdir(l.sieveDir);
    await writeFile(path.join(l.sieveDir, 'spam.sieve'), SPAM_SIEVE);
    await chown(l.sieveDir, mailUid, mailGid); // lmtp (as 'mail') writes the compiled .svbin next to it
    const oauth2 = dovecotOAuth2(l, options.oauth2);
    if (oauth2.ext !== null) {
      await writeFile(path.join(l.dvDir, 'oauth2.conf.ext'), oauth2.ext, { mode: 0o640 });
      await chown(path.join(l.dvDir, 'oauth2.conf.ext'), 0, lookupGroup('dovecot'));
    }
    await writeFile(
      l.dvConf,
      dovecotConf(l, ports, mailUid, mailGid, path.basename(dir), options, oauth2.passdb),
    );

    trace(t0, 'config written');

    // --- Start both (independent) ---
    const postfixPidFile = path.join(l.pfQueue, 'pid', 'master.pid');
    const dovecotPidFile = path.join(l.dvBase, 'master.pid');
    state.pidFiles = [postfixPidFile, dovecotPidFile];
    state.postfixLaunched = true;
    state.dovecotLaunched = true;
    await Promise.all([
      runDaemonizer(postfix, ['-c', l.pfConfig, 'start'], l.pfStartOut).then(() =>
        trace(t0, 'postfix started'),
      ),
      runDaemonizer(dovecot, ['-c', l.dvConf], l.dvStartOut).then(() => trace(t0, 'dovecot started')),
    ]);
    const deadline = t0 + START_TIMEOUT_MS;
    // `dovecot` returns before its forked master has written master.pid.
    for (;;) {
      state.postfixPid ??= await readPid(postfixPidFile);
      state.dovecotPid ??= await readPid(dovecotPidFile);
      if (state.postfixPid !== undefined && state.dovecotPid !== undefined) break;
      if (Date.now() > deadline) throw new Error('rig: master.pid of Postfix or Dovecot did not appear');
      await sleep(10);
    }
    trace(t0, `pids: postfix ${state.postfixPid}, dovecot ${state.dovecotPid}`);

    // --- Wait until every listener greets ---
    // ...but give up early when a daemon died or logged a fatal error (a bad
    // setting would otherwise cost the whole START_TIMEOUT_MS).
    let lastHealthCheck = 0;
    const failFast = async (): Promise<void> => {
      if (Date.now() - lastHealthCheck < 200) return;
      lastHealthCheck = Date.now();
      for (const [daemon, pid] of [
        ['Postfix', state.postfixPid],
        ['Dovecot', state.dovecotPid],
      ] as const) {
        if (pid !== undefined && !pidAlive(pid))
          throw new Error(`rig: the ${daemon} master (pid ${pid}) died`);
      }
      const dovecotLog = await readFile(l.dvLog, 'utf8').catch(() => '');
      const dovecotFatal = /^.*(?:Fatal|Panic|Error): .*$/m.exec(dovecotLog);
      if (dovecotFatal) throw new Error(`rig: Dovecot: ${dovecotFatal[0]}`);
      const postfixLog = await readFile(l.pfLog, 'utf8').catch(() => '');
      const postfixFatal = /^.*(?:fatal|panic): .*$/m.exec(postfixLog);
      if (postfixFatal) throw new Error(`rig: Postfix: ${postfixFatal[0]}`);
    };
    const checks: Array<[string, number, boolean, RegExp]> = [
      ['plain', ports.plain, false, /^220 /],
      ['submission', ports.submission, false, /^220 /],
      ['smtps', ports.smtps, true, /^220 /],
      ['imap', ports.imap, false, /^\* OK/],
      ['imaps', ports.imaps, true, /^\* OK/],
    ];
    await Promise.all(
      checks.map(async ([name, port, useTls, pattern]) => {
        for (;;) {
          let last: string;
          try {
            const line = await readGreeting(port, useTls, caPem);
            if (pattern.test(line)) return;
            last = `unexpected greeting ${JSON.stringify(line)}`;
          } catch (error) {
            last = (error as Error).message;
          }
          if (Date.now() > deadline)
            throw new Error(`rig: ${name} listener (port ${port}) not ready: ${last}`);
          await failFast();
          await sleep(25);
        }
      }),
    );
    for (const socket of [l.dvLmtpSocket, l.dvAuthSocket]) {
      while (!existsSync(socket)) {
        if (Date.now() > deadline) throw new Error(`rig: Dovecot socket ${socket} did not appear`);
        await sleep(25);
      }
    }
    trace(t0, 'all listeners ready');
    // The postlogd-created log is 0600; let non-root humans read it too.
    await chmod(l.pfLog, 0o644).catch(() => undefined);

    const info: RigInfo = {
      host: HOST,
      ports,
      caPem,
      caFile: l.caFile,
      serverName: SERVER_NAME,
      domain: DOMAIN,
      user: { ...USERS[0]! },
      otherUsers: USERS.slice(1).map((u) => ({ ...u })),
      sink: { ...SINK },
      heldAddress: HELD_ADDRESS,
      spamAddress: SPAM_ADDRESS,
      dir,
      logs: { postfix: l.pfLog, dovecot: l.dvLog },
    };
    return {
      ...info,
      maildir: (user: string) => rigMaildir(info, user),
      waitForMessage: (user, predicate, timeoutMs, waitOptions) =>
        waitForRigMessage(info, user, predicate, timeoutMs, waitOptions),
      stop,
    };
  } catch (error) {
    const report = [
      (error as Error).message,
      `--- ${l.pfStartOut} ---`,
      await logTail(l.pfStartOut),
      `--- ${l.pfLog} ---`,
      await logTail(l.pfLog),
      `--- ${l.dvStartOut} ---`,
      await logTail(l.dvStartOut),
      `--- ${l.dvLog} ---`,
      await logTail(l.dvLog),
    ].join('\n');
    await stop().catch(() => undefined);
    // With our daemons gone, anything still listening on our ports is someone else's.
    const taken: number[] = [];
    for (const port of ports ? Object.values(ports) : []) if (await portAccepts(port)) taken.push(port);
    const where = `dir ${dir}${removeDir && process.env.RIG_KEEP_DIR !== '1' ? ', removed' : ''}`;
    const message = taken.length
      ? `rig: start failed (${where}): port(s) ${taken.join(', ')} taken by another process\n${report}`
      : `rig: start failed (${where})\n${report}`;
    throw taken.length
      ? new PortCollisionError(message, { cause: error })
      : new Error(message, { cause: error });
  }
}
