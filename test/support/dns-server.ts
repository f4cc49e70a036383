/**
 * An authoritative DNS server on loopback for tests: it serves a zone given as a plain object
 * and nothing else, so no test ever queries real DNS.
 *
 *     const dns = await startDnsServer({
 *       'example.test': { MX: [{ exchange: 'mx.example.test', priority: 10 }], TXT: ['v=spf1 -all'] },
 *       'mx.example.test': { A: ['192.0.2.25'], AAAA: ['2001:db8::25'] },
 *       '_submission._tcp.example.test': { SRV: [{ priority: 0, weight: 1, port: 587, name: 'smtp.example.test' }] },
 *     });
 *     await dns.resolver.resolveMx('example.test'); // node:dns/promises Resolver pointed at it
 *     await dns.stop();
 *
 * What it answers (UDP and TCP on the same random port of 127.0.0.1):
 * - a name in the zone, a type it has: the records (TTL 0, so no resolver caches them);
 * - a name in the zone without that type: NOERROR with no answer (Node: ENODATA);
 * - a name not in the zone: NXDOMAIN (Node: ENOTFOUND);
 * - a name with a CNAME: the CNAME, then the target's records of the asked type when the
 *   target is in the zone (as a recursive resolver would);
 * - a name marked `silent`, or every name when the server is started with `{ silent: true }`:
 *   nothing at all, to test lookup timeouts.
 * Names are case-insensitive, a trailing dot is ignored. TXT values longer than 255 bytes are
 * split into 255-byte strings (pass a string[] to choose the split). A UDP answer larger than
 * the client allows (512 bytes, or its EDNS0 size) is sent truncated, and the client retries
 * over TCP, as with a real server.
 *
 * The zone object is read on every query, so a test may change it between lookups. `queries`
 * records every question received, in order.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { isIPv4, isIPv6, createServer, type Server, type Socket } from 'node:net';

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  /** The target host name. */
  name: string;
}

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  /** An exchange of '' or '.' is the root: `{ exchange: '.', priority: 0 }` is a null MX (RFC 7505). */
  MX?: MxRecord[];
  /** Each record is one string (split into 255-byte strings as needed) or its strings. */
  TXT?: Array<string | string[]>;
  SRV?: SrvRecord[];
  CNAME?: string;
  /** Never answer a question for this name: the client times out. */
  silent?: boolean;
}

export type Zone = Record<string, ZoneEntry>;

export interface DnsServerOptions {
  /** Answer no question at all (the port is bound, nothing comes back). */
  silent?: boolean;
  /** The Resolver's own per-try timeout; default 1000 ms (loopback answers in well under that). */
  resolverTimeoutMs?: number;
}

export interface DnsQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface DnsServer {
  port: number;
  /** `127.0.0.1:PORT`, for Resolver.setServers. */
  address: string;
  /** A node:dns/promises Resolver that asks this server only (one try each). */
  resolver: Resolver;
  /** Every question received, in order. */
  queries: DnsQuery[];
  stop(): Promise<void>;
}

const TYPES: Record<number, string> = { 1: 'A', 5: 'CNAME', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV' };
const TYPE_CODES = { A: 1, CNAME: 5, MX: 15, TXT: 16, AAAA: 28, SRV: 33 } as const;
const TYPE_OPT = 41;
const CLASS_IN = 1;
const RCODE_NOERROR = 0;
const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_NOTIMP = 4;

export async function startDnsServer(zone: Zone, options: DnsServerOptions = {}): Promise<DnsServer> {
  const queries: DnsQuery[] = [];
  const { udp, tcp, port } = await bindBoth();
  const connections = new Set<Socket>();

  const handle = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    if (options.silent) return null;
    let query: ParsedQuery;
    try {
      query = parseQuery(message);
    } catch {
      return message.length >= 2 ? errorResponse(message.readUInt16BE(0), 0, RCODE_FORMERR) : null;
    }
    queries.push({ name: query.name, type: TYPES[query.type] ?? String(query.type), transport });
    if (lookupEntry(zone, query.name)?.silent) return null;
    const response = answer(zone, query);
    const limit = transport === 'tcp' ? 65_535 : Math.max(512, query.udpSize ?? 512);
    return response.length <= limit ? response : truncated(query);
  };

  udp.on('message', (message, remote) => {
    const response = handle(message, 'udp');
    if (response) udp.send(response, remote.port, remote.address);
  });

  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        const response = handle(message, 'tcp');
        if (response) {
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(response.length);
          socket.write(Buffer.concat([prefix, response]));
        }
      }
    });
  });

  const resolver = new Resolver({ timeout: options.resolverTimeoutMs ?? 1000, tries: 1 });
  const address = `127.0.0.1:${port}`;
  resolver.setServers([address]);

  return {
    port,
    address,
    resolver,
    queries,
    async stop() {
      resolver.cancel();
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Sockets: UDP on a random port, TCP on the same one

async function bindBoth(): Promise<{ udp: UdpSocket; tcp: Server; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => {
        udp.off('error', reject);
        resolve();
      });
    });
    const port = udp.address().port;
    const tcp = createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, '127.0.0.1', () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, tcp, port };
    } catch (error) {
      udp.close();
      if (attempt >= 20) throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The zone

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function lookupEntry(zone: Zone, name: string): ZoneEntry | undefined {
  const wanted = normalize(name);
  for (const [key, entry] of Object.entries(zone)) {
    if (normalize(key) === wanted) return entry;
  }
  return undefined;
}

interface ResourceRecord {
  name: string;
  type: number;
  data: Buffer;
}

function recordsOf(name: string, entry: ZoneEntry, type: number): ResourceRecord[] {
  const make = (data: Buffer) => ({ name, type, data });
  switch (type) {
    case TYPE_CODES.A:
      return (entry.A ?? []).map((ip) => make(ipv4Bytes(ip)));
    case TYPE_CODES.AAAA:
      return (entry.AAAA ?? []).map((ip) => make(ipv6Bytes(ip)));
    case TYPE_CODES.MX:
      return (entry.MX ?? []).map((mx) => make(Buffer.concat([u16(mx.priority), encodeName(mx.exchange)])));
    case TYPE_CODES.TXT:
      return (entry.TXT ?? []).map((txt) => make(txtBytes(txt)));
    case TYPE_CODES.SRV:
      return (entry.SRV ?? []).map((srv) =>
        make(Buffer.concat([u16(srv.priority), u16(srv.weight), u16(srv.port), encodeName(srv.name)])),
      );
    case TYPE_CODES.CNAME:
      return entry.CNAME ? [make(encodeName(entry.CNAME))] : [];
    default:
      return [];
  }
}

function answer(zone: Zone, query: ParsedQuery): Buffer {
  if (query.qclass !== CLASS_IN || !TYPES[query.type]) {
    return response(query, query.qclass === CLASS_IN ? RCODE_NOERROR : RCODE_NOTIMP, []);
  }
  const answers: ResourceRecord[] = [];
  let name = query.name;
  let entry = lookupEntry(zone, name);
  if (!entry) return response(query, RCODE_NXDOMAIN, []);
  // Follow CNAMEs within the zone (a few hops at most, as a loop guard).
  for (let hop = 0; entry?.CNAME && query.type !== TYPE_CODES.CNAME && hop < 8; hop++) {
    answers.push(...recordsOf(name, entry, TYPE_CODES.CNAME));
    name = entry.CNAME;
    entry = lookupEntry(zone, name);
  }
  if (entry) answers.push(...recordsOf(name, entry, query.type));
  return response(query, RCODE_NOERROR, answers);
}

// ---------------------------------------------------------------------------------------
// Wire format (RFC 1035)

interface ParsedQuery {
  id: number;
  flags: number;
  name: string;
  type: number;
  qclass: number;
  /** The question section as received, echoed in the response. */
  question: Buffer;
  /** The EDNS0 UDP payload size the client advertised, if any. */
  udpSize: number | null;
}

function parseQuery(message: Buffer): ParsedQuery {
  if (message.length < 12) throw new Error('short message');
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  const qdcount = message.readUInt16BE(4);
  const arcount = message.readUInt16BE(10);
  if (flags & 0x8000 || qdcount !== 1) throw new Error('not a single query');
  const { name, end } = readName(message, 12);
  if (end + 4 > message.length) throw new Error('short question');
  const type = message.readUInt16BE(end);
  const qclass = message.readUInt16BE(end + 2);
  const question = message.subarray(12, end + 4);
  let udpSize: number | null = null;
  let offset = end + 4;
  for (let i = 0; i < arcount && offset < message.length; i++) {
    const rr = readName(message, offset);
    const rrType = message.readUInt16BE(rr.end);
    const rrClass = message.readUInt16BE(rr.end + 2);
    const rdLength = message.readUInt16BE(rr.end + 8);
    if (rrType === TYPE_OPT) udpSize = rrClass;
    offset = rr.end + 10 + rdLength;
  }
  return { id, flags, name, type, qclass, question, udpSize };
}

function readName(message: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let offset = start;
  let end = -1;
  for (let jumps = 0; jumps < 64;) {
    const length = message[offset];
    if (length === undefined) throw new Error('name out of bounds');
    if (length === 0) {
      if (end < 0) end = offset + 1;
      return { name: labels.join('.'), end };
    }
    if ((length & 0xc0) === 0xc0) {
      if (end < 0) end = offset + 2;
      offset = message.readUInt16BE(offset) & 0x3fff;
      jumps++;
      continue;
    }
    labels.push(message.toString('latin1', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  throw new Error('compression loop');
}

function header(id: number, flags: number, counts: [number, number, number, number]): Buffer {
  const buffer = Buffer.alloc(12);
  buffer.writeUInt16BE(id, 0);
  buffer.writeUInt16BE(flags, 2);
  counts.forEach((count, i) => buffer.writeUInt16BE(count, 4 + i * 2));
  return buffer;
}

/** QR, the query's opcode and RD, AA and RA, and the response code. */
function responseFlags(queryFlags: number, rcode: number, truncatedAnswer = false): number {
  return (
    0x8000 |
    (queryFlags & 0x7800) |
    0x0400 |
    (truncatedAnswer ? 0x0200 : 0) |
    (queryFlags & 0x0100) |
    0x0080 |
    rcode
  );
}

function response(query: ParsedQuery, rcode: number, answers: ResourceRecord[]): Buffer {
  const parts = [
    header(query.id, responseFlags(query.flags, rcode), [1, answers.length, 0, 0]),
    query.question,
  ];
  for (const record of answers) {
    parts.push(
      encodeName(record.name),
      u16(record.type),
      u16(CLASS_IN),
      u32(0),
      u16(record.data.length),
      record.data,
    );
  }
  return Buffer.concat(parts);
}

function truncated(query: ParsedQuery): Buffer {
  return Buffer.concat([
    header(query.id, responseFlags(query.flags, RCODE_NOERROR, true), [1, 0, 0, 0]),
    query.question,
  ]);
}

function errorResponse(id: number, flags: number, rcode: number): Buffer {
  return header(id, responseFlags(flags, rcode), [0, 0, 0, 0]);
}

function encodeName(name: string): Buffer {
  const labels = normalizeOut(name)
    .split('.')
    .filter((label) => label.length > 0);
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'latin1');
    if (bytes.length > 63) throw new Error(`DNS label longer than 63 bytes: ${label}`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Names are sent as written (case kept), without the trailing dot. */
function normalizeOut(name: string): string {
  return name.replace(/\.$/, '');
}

function txtBytes(txt: string | string[]): Buffer {
  const strings: Buffer[] = [];
  if (Array.isArray(txt)) {
    for (const s of txt) strings.push(Buffer.from(s, 'utf8'));
  } else {
    const bytes = Buffer.from(txt, 'utf8');
    for (let i = 0; i < bytes.length || i === 0; i += 255) strings.push(bytes.subarray(i, i + 255));
  }
  return Buffer.concat(
    strings.flatMap((s) => {
      if (s.length > 255) throw new Error('a TXT string is at most 255 bytes');
      return [Buffer.from([s.length]), s];
    }),
  );
}

function ipv4Bytes(ip: string): Buffer {
  if (!isIPv4(ip)) throw new Error(`not an IPv4 address: ${ip}`);
  return Buffer.from(ip.split('.').map(Number));
}

function ipv6Bytes(ip: string): Buffer {
  if (!isIPv6(ip)) throw new Error(`not an IPv6 address: ${ip}`);
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const b = ipv4Bytes(v4[1]);
    text =
      text.slice(0, -v4[1].length) +
      `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  const buffer = Buffer.alloc(16);
  groups.forEach((group, i) => buffer.writeUInt16BE(parseInt(group, 16), i * 2));
  return buffer;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
