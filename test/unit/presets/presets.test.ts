/**
 * The bundled presets (data, validated at load), the migration warning and the Google
 * app-password field.
 */
import { describe, expect, it } from 'vitest';
import rawHostedRelays from '../../../electron/services/presets/hosted-relays.json' with { type: 'json' };
import rawPresets from '../../../electron/services/presets/presets.json' with { type: 'json' };
import {
  HOSTED_RELAYS,
  PRESETS,
  addressScope,
  matchesHostPattern,
  migrationWarning,
  migrationWarningForAddresses,
  normaliseGoogleAppPassword,
  presetById,
  presetForDomain,
  presetHost,
  presetsForMx,
} from '../../../electron/services/presets';
import {
  hostedRelayListSchema,
  PRESET_IDS,
  presetListSchema,
} from '../../../electron/services/presets/schema';
import {
  hostedRelayNote,
  presetHints,
  presetNote,
  presetPortNote,
} from '../../../electron/services/presets/preset-text';
import { LANGUAGES, createTranslator, say } from '../../../electron/services/i18n';
import { CATALOGUES } from '../../support/catalogues';
import { flatten, leftoverLatin } from '../i18n/catalogue-rules';
import { resolveMigrationWarning } from '../../../electron/services/presets/resolve';
import { isValidHost } from '../../../electron/services/settings/profile';
import type { MigrationWarning } from '../../../electron/services/presets';

/** A warning's sentence in English, as a run's report carries it. */
const englishOf = (warning: MigrationWarning | null) => warning && say(warning.sentence);

describe('preset data', () => {
  it('is valid against the schema, and the loaded list is what the file holds', () => {
    const parsed = presetListSchema.safeParse(rawPresets);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(PRESETS).toEqual(parsed.data);
    const relays = hostedRelayListSchema.safeParse(rawHostedRelays);
    expect(relays.error?.issues ?? []).toEqual([]);
    expect(HOSTED_RELAYS).toEqual(relays.data);
  });

  it('holds every preset of the issue, once each, Custom last', () => {
    expect(PRESETS.map((p) => p.id)).toEqual([...PRESET_IDS]);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.at(-1)?.id).toBe('custom');
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s has a host, port, security, auth hints and an https documentation URL',
    (id, preset) => {
      if (id === 'custom') expect(preset.host).toBe('');
      else expect(isValidHost(presetHost(preset)), preset.host).toBe(true);
      expect(Number.isInteger(preset.port) && preset.port > 0 && preset.port < 65_536).toBe(true);
      expect(['none', 'starttls', 'tls']).toContain(preset.security);
      expect(new URL(preset.documentationUrl).protocol).toBe('https:');
      if (preset.appPasswordUrl) expect(new URL(preset.appPasswordUrl).protocol).toBe('https:');
    },
  );

  it.each(LANGUAGES)(
    'says every preset’s hints, notes and other ports, and every hosted relay’s note, in %s',
    (language) => {
      const t = createTranslator(language);
      const sentences = [
        ...PRESETS.flatMap((preset) => [
          ...Object.values(presetHints(preset)),
          ...preset.notes.map((note) => presetNote(preset, note)),
          ...(preset.alternatives ?? []).map((option) => presetPortNote(preset, option.port)),
        ]),
        ...HOSTED_RELAYS.map(hostedRelayNote),
      ];
      for (const words of sentences) {
        const text = say(words, t);
        expect(text, words.key).not.toBe(t('validation.invalid')); // the key exists
        if (language === 'ja') expect(leftoverLatin(text), words.key).toEqual([]);
      }
      // …and the catalogue holds no text for a preset note or port the data no longer has.
      const used = new Set(sentences.map((words) => words.key));
      const keys = [...flatten(CATALOGUES[language] as never).keys()];
      const held = keys.filter((key) => /^(presets|hostedRelays)\./.test(key));
      expect(held.filter((key) => !used.has(key as never))).toEqual([]);
    },
  );

  it('is frozen', () => {
    expect(Object.isFrozen(PRESETS)).toBe(true);
    expect(Object.isFrozen(presetById('gmail'))).toBe(true);
    expect(Object.isFrozen(presetById('gmail')?.notes)).toBe(true);
  });

  it('rejects data with a missing documentation URL, a plain http URL, a bad date or a duplicate id', () => {
    const gmail = rawPresets[0]!;
    const { documentationUrl: _, ...withoutUrl } = gmail;
    expect(presetListSchema.safeParse([withoutUrl]).success).toBe(false);
    expect(presetListSchema.safeParse([{ ...gmail, documentationUrl: 'http://example.com/' }]).success).toBe(
      false,
    );
    expect(
      presetListSchema.safeParse([{ ...gmail, notes: [{ id: 'x', until: '2026-02-30' }] }]).success,
    ).toBe(false);
    expect(presetListSchema.safeParse([gmail, gmail]).success).toBe(false);
    expect(presetListSchema.safeParse([{ ...gmail, surprise: true }]).success).toBe(false);
  });

  it('dates the Microsoft 365 Basic-auth switch-off and says SMTP AUTH must be enabled', () => {
    const m365 = presetById('microsoft-365')!;
    expect(m365).toMatchObject({ host: 'smtp.office365.com', port: 587, security: 'starttls' });
    const dated = m365.notes.find((n) => n.until)!;
    expect(dated.until).toBe('2026-12-31');
    expect(say(presetNote(m365, dated))).toMatch(/Basic authentication.*December 2026/);
    expect(say(presetNote(m365, dated), createTranslator('ja'))).toMatch(/2026 年 12 月末.*基本認証/);
    expect(m365.notes.some((n) => /SMTP AUTH must be enabled/.test(say(presetNote(m365, n))))).toBe(true);
  });

  it('gives SES a host template with regions, its ports, and the credentials pitfall', () => {
    const ses = presetById('amazon-ses')!;
    expect(ses.host).toBe('email-smtp.{region}.amazonaws.com');
    expect(ses.regions).toContain('us-east-1');
    expect(presetHost(ses, 'eu-west-1')).toBe('email-smtp.eu-west-1.amazonaws.com');
    expect(presetHost(ses)).toBe('email-smtp.us-east-1.amazonaws.com');
    expect([ses.port, ...(ses.alternatives ?? []).map((a) => a.port)]).toEqual(
      expect.arrayContaining([587, 465, 2587]),
    );
    expect(
      ses.notes.some((n) => say(presetNote(ses, n)).includes('SMTP credentials are not IAM access keys')),
    ).toBe(true);
  });

  it('fixes the SendGrid user name to apikey', () => {
    expect(presetById('sendgrid')).toMatchObject({ host: 'smtp.sendgrid.net', fixedUsername: 'apikey' });
  });

  it('walks Gmail and Workspace through app passwords, with a relay option', () => {
    for (const id of ['gmail', 'google-workspace']) {
      const preset = presetById(id)!;
      expect(preset).toMatchObject({ host: 'smtp.gmail.com', appPassword: 'google' });
      expect(say(presetHints(preset).password)).toMatch(/app password \(16 letters\)/);
      expect(say(presetHints(preset).password, createTranslator('ja'))).toMatch(
        /アプリパスワード（16 文字）/,
      );
    }
    expect(presetById('google-workspace-relay')).toMatchObject({
      host: 'smtp-relay.gmail.com',
      anonymous: true,
    });
    expect(presetById('local-relay')).toMatchObject({ port: 25, anonymous: true });
  });

  it('knows the offline domains and the MX patterns', () => {
    expect(presetForDomain('gmail.com')?.id).toBe('gmail');
    expect(presetForDomain('GoogleMail.com.')?.id).toBe('gmail');
    expect(presetForDomain('hotmail.com')?.id).toBe('outlook-com');
    expect(presetForDomain('me.com')?.id).toBe('icloud');
    expect(presetForDomain('example.com')).toBeUndefined();
    expect(presetsForMx('aspmx.l.google.com').map((p) => p.id)).toEqual([
      'google-workspace',
      'google-workspace-relay',
    ]);
    expect(presetsForMx('contoso-com.mail.protection.outlook.com').map((p) => p.id)).toEqual([
      'microsoft-365',
    ]);
    expect(presetsForMx('mx.example.com')).toEqual([]);
    expect(matchesHostPattern('google.com', '.google.com')).toBe(true);
    expect(matchesHostPattern('notgoogle.com', '.google.com')).toBe(false);
    expect(presetById('nope')).toBeUndefined();
  });
});

describe('migration warning', () => {
  it('names a vendor-hosted relay by its pattern', () => {
    for (const host of [
      'mail.myjetbrains.com',
      'relay-hosting.secureserver.net',
      'smtp.acme.atlassian.net',
    ]) {
      const warning = migrationWarning(host);
      expect(warning?.kind, host).toBe('hosted-relay');
      expect(englishOf(warning)).toMatch(
        new RegExp(`replace ${host.replace(/\./g, '\\.')} with your organisation's own SMTP server\\.$`),
      );
    }
    expect(HOSTED_RELAYS.length).toBeGreaterThan(3);
    const japanese = say(migrationWarning('mail.myjetbrains.com')!.sentence, createTranslator('ja'));
    expect(japanese).toContain('JetBrains のインフラストラクチャの外からの接続を拒否します');
    expect(japanese).toContain('mail.myjetbrains.com');
  });

  it('warns for private and link-local addresses', () => {
    for (const host of [
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.10',
      'fd12:3456::1',
      '[fc00::25]',
      '100.64.0.1',
    ]) {
      expect(migrationWarning(host)?.kind, host).toBe('private-address');
    }
    expect(englishOf(migrationWarning('169.254.10.1'))).toMatch(/link-local/);
    expect(englishOf(migrationWarning('fe80::1%eth0'))).toMatch(/link-local/);
    expect(migrationWarning('relay.corp.internal')?.kind).toBe('private-address');
    expect(migrationWarning('printer.local')?.kind).toBe('private-address');
  });

  it('warns for loopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.3.2.1',
      '::1',
      'localhost',
      'LOCALHOST.',
      'mail.localhost',
      '::ffff:127.0.0.1',
    ]) {
      expect(migrationWarning(host)?.kind, host).toBe('loopback');
    }
    expect(englishOf(migrationWarning('localhost'))).toMatch(
      /^localhost is the machine that runs the check \(loopback\): .* right on the server that sends the mail/,
    );
  });

  it('says nothing for a public name or address, or an empty field', () => {
    for (const host of [
      'smtp.gmail.com',
      'mail.example.com',
      '8.8.8.8',
      '172.32.0.1',
      '2001:db8::25',
      '',
      '  ',
    ]) {
      expect(migrationWarning(host), host).toBeNull();
    }
  });

  it('reads the addresses a run resolved', () => {
    expect(migrationWarningForAddresses('relay.example.com', ['192.0.2.10'])).toBeNull();
    const resolved = migrationWarningForAddresses('relay.example.com', ['192.0.2.10', '10.0.0.5']);
    expect(resolved).toEqual({
      kind: 'private-address',
      sentence: {
        key: 'migration.detail.privateAddress.resolves',
        params: { host: 'relay.example.com', address: '10.0.0.5', range: '10.0.0.0/8' },
      },
    });
    expect(englishOf(resolved)).toMatch(
      /^relay\.example\.com resolves to 10\.0\.0\.5, a private address \(10\.0\.0\.0\/8\)/,
    );
    expect(migrationWarningForAddresses('relay.example.com', ['10.0.0.5', '127.0.0.1'])?.kind).toBe(
      'loopback',
    );
    // A hosted relay is named by its host whatever it resolves to.
    expect(migrationWarningForAddresses('x.youtrack.cloud', ['203.0.113.9'])?.kind).toBe('hosted-relay');
    // No addresses: the host alone decides.
    expect(migrationWarningForAddresses('localhost', [])?.kind).toBe('loopback');
    expect(addressScope('10.0.0.1')).toBe('private');
    expect(addressScope('8.8.8.8')).toBe('public');
    expect(addressScope('not-an-ip')).toBeNull();
  });

  it('resolves the host for a run (injected lookup), and falls back to the name when the lookup fails', async () => {
    const lookup = async (host: string) => (host === 'intranet-relay.example.com' ? ['192.168.5.5'] : []);
    expect((await resolveMigrationWarning('intranet-relay.example.com', { lookup }))?.kind).toBe(
      'private-address',
    );
    const failing = async () => Promise.reject(new Error('ENOTFOUND'));
    expect((await resolveMigrationWarning('localhost', { lookup: failing }))?.kind).toBe('loopback');
    expect(await resolveMigrationWarning('smtp.example.com', { lookup: failing })).toBeNull();
  });
});

describe('Google app password', () => {
  it('accepts 16 letters, with or without the spaces Google shows', () => {
    expect(normaliseGoogleAppPassword('abcdefghijklmnop')).toEqual({ ok: true, value: 'abcdefghijklmnop' });
    expect(normaliseGoogleAppPassword('abcd efgh ijkl mnop')).toEqual({
      ok: true,
      value: 'abcdefghijklmnop',
    });
    expect(normaliseGoogleAppPassword('  abcd\u00a0efgh ijkl\tmnop\n')).toEqual({
      ok: true,
      value: 'abcdefghijklmnop',
    });
  });

  it('accepts upper case and lower-cases it (Google issues lower-case letters only)', () => {
    expect(normaliseGoogleAppPassword('ABCD EFGH ijkl MnOp')).toEqual({
      ok: true,
      value: 'abcdefghijklmnop',
    });
  });

  it('refuses dashes with a sentence saying Google shows spaces', () => {
    const result = normaliseGoogleAppPassword('abcd-efgh-ijkl-mnop');
    expect(result.ok).toBe(false);
    expect(!result.ok && say(result.reason)).toMatch(
      /^Google shows an app password .* separated by spaces, not dashes/,
    );
  });

  it('refuses the wrong length, saying how many letters it has', () => {
    const result = normaliseGoogleAppPassword('abcd efgh ijkl mno');
    expect(!result.ok && say(result.reason)).toMatch(/exactly 16 letters, and this one has 15/);
    expect(normaliseGoogleAppPassword('abcd efgh ijkl mnop q').ok).toBe(false);
  });

  it('refuses digits and other characters', () => {
    for (const input of ['abcd efgh ijkl mnp1', 'abcd_efgh_ijkl_mn', 'abcdéfghijklmnop', 'Hunter2!']) {
      const result = normaliseGoogleAppPassword(input);
      expect(result.ok, input).toBe(false);
      expect(!result.ok && say(result.reason), input).toMatch(/letters only/);
    }
  });

  it('says every refusal in Japanese with no English left, the letter count kept', () => {
    const ja = createTranslator('ja');
    const refusals = ['', 'abcd-efgh-ijkl-mnop', 'abcd efgh ijkl mnp1', 'abcd efgh ijkl mno'].map((input) => {
      const result = normaliseGoogleAppPassword(input);
      if (result.ok) throw new Error(`accepted ${input}`);
      return say(result.reason, ja);
    });
    expect(new Set(refusals.map((text) => text.slice(0, 12))).size).toBe(4);
    for (const text of refusals) {
      expect(text).toMatch(/アプリパスワード/);
      expect(leftoverLatin(text), text).toEqual([]);
    }
    expect(refusals[1]).toMatch(/ハイフンではなくスペース/);
    expect(refusals[3]).toMatch(/15 文字/);
  });

  it('asks for the password when the field is empty, and never repeats the input', () => {
    const empty = normaliseGoogleAppPassword('   ');
    expect(!empty.ok && say(empty.reason)).toMatch(/^Paste/);
    for (const input of ['secretpassword12', 'abcd-efgh-ijkl-mnop', 'abcdefghijklmno']) {
      const result = normaliseGoogleAppPassword(input);
      expect(!result.ok && say(result.reason)).not.toContain(input);
    }
  });
});
