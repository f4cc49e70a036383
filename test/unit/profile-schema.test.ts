/**
 * The profile form's rules (profile-schema.ts), as the user meets them: each bad value is
 * refused with the i18n key the form shows next to the field; each good one passes. Every
 * case whose values have the right types also goes through the command line's check
 * without zod (field-rules.ts), which must find the same: one rule per field.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../electron/services/messages';
import { profileProblems } from '../../electron/services/settings/field-rules';
import { profileFieldsSchema } from '../../electron/services/settings/profile-schema';
import {
  defaultDeliverySettings,
  defaultOAuth2Settings,
  isAddressLiteral,
  isSecurity,
  type DeliverySettings,
  type OAuth2Settings,
  type ProfileFields,
} from '../../electron/services/settings/profile';
import { addressLiteral } from '../../electron/services/smtp/ehlo-name';
import { validFields } from './helpers';

/** The message of the first issue on each field, as the form shows it. */
function firstOnEachField(issues: readonly Issue[]) {
  const keys: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.join('.');
    if (!(path in keys)) keys[path] = issue.message;
  }
  return keys;
}

/** Fields whose values have the types ProfileFields says (what the command line builds). */
function wellTyped(fields: Record<string, unknown>): fields is ProfileFields {
  const template: Record<string, unknown> = validFields();
  return (
    Object.keys(fields).every((key) => key in template && typeof fields[key] === typeof template[key]) &&
    typeof fields.security === 'string' &&
    isSecurity(fields.security)
  );
}

/** The i18n key of the first issue on each field; the check without zod finds the same. */
function fieldKeys(fields: Record<string, unknown>): Record<string, string> {
  const parsed = profileFieldsSchema.safeParse(fields);
  const keys = parsed.success ? {} : firstOnEachField(parsed.error.issues);
  if (wellTyped(fields)) expect(firstOnEachField(profileProblems(fields))).toEqual(keys);
  return keys;
}

function expectAccepted(overrides: Partial<ProfileFields> | Record<string, unknown>): void {
  const fields = { ...validFields(), ...overrides };
  const parsed = profileFieldsSchema.safeParse(fields);
  expect(parsed.success ? {} : fieldKeys(fields)).toEqual({});
  // What is stored is what the user typed.
  expect(parsed.data).toEqual(fields);
}

function expectRefused(overrides: Record<string, unknown>, field: string, key: string): void {
  expect(fieldKeys({ ...validFields(), ...overrides })).toEqual({ [field]: key });
}

describe('host', () => {
  it.each([
    'smtp.example.com',
    'localhost',
    'mail.bücher.example',
    'xn--bcher-kva.example',
    'smtp.example.com.',
    '192.0.2.10',
    '127.0.0.1',
    '::1',
    '2001:db8::1',
    '[2001:db8::1]',
  ])('accepts %s', (host) => expectAccepted({ host }));

  it.each([
    ['mail..example', 'validation.hostInvalid'],
    ['-bad.example', 'validation.hostInvalid'],
    ['bad-.example', 'validation.hostInvalid'],
    ['999.1.1.1', 'validation.hostInvalid'],
    ['1.2.3', 'validation.hostInvalid'],
    ['a b', 'validation.hostInvalid'],
    ['smtp.example.com:587', 'validation.hostInvalid'],
    ['2001:db8::1::2', 'validation.hostInvalid'],
    ['', 'validation.hostRequired'],
    ['   ', 'validation.hostRequired'],
    ['a'.repeat(254), 'validation.tooLong'],
  ])('refuses %j with %s', (host, key) => expectRefused({ host }, 'host', key));
});

describe('port', () => {
  it.each([1, 25, 465, 587, 65535])('accepts %d', (port) => expectAccepted({ port }));

  it.each([0, 65536, 1.5, -25, Number.NaN, Number.POSITIVE_INFINITY, '587', null])(
    'refuses %s with validation.portRange',
    (port) => expectRefused({ port }, 'port', 'validation.portRange'),
  );
});

describe('addresses (From, Reply-To, last recipient)', () => {
  const good = [
    'alerts@example.com',
    'first.last+tag@sub.example.co.uk',
    '用户@例子.广告',
    'josé@bücher.example',
    "o'brien@example.ie",
  ];
  const bad = [
    'no-at',
    'a@b',
    'a@@b.c',
    'a b@c.de',
    '<a@b.c>',
    'Alerts <a@b.c>',
    '@example.com',
    'a@',
    '.a@b.cd',
    'a..b@c.de',
    'a@192.0.2.1',
  ];

  it.each(good)('From accepts %s', (from) => expectAccepted({ from }));
  it.each(good)('Reply-To accepts %s', (replyTo) => expectAccepted({ replyTo }));
  it.each(bad)('From refuses %j with validation.addressInvalid', (from) =>
    expectRefused({ from }, 'from', 'validation.addressInvalid'),
  );
  it.each(bad)('Reply-To refuses %j with validation.addressInvalid', (replyTo) =>
    expectRefused({ replyTo }, 'replyTo', 'validation.addressInvalid'),
  );

  it('From is required, Reply-To and the last recipient may stay empty', () => {
    expectRefused({ from: '' }, 'from', 'validation.addressInvalid');
    expectAccepted({ replyTo: '', lastRecipient: '' });
  });
});

describe('line breaks (header and command injection)', () => {
  const injections = ['\r\n', '\n', '\r'];
  const cases: Array<[keyof ProfileFields, (br: string) => string]> = [
    ['name', (br) => `Relay${br}Bcc: victim@example.com`],
    ['username', (br) => `alerts@example.com${br}RCPT TO:<victim@example.com>`],
    ['from', (br) => `alerts@example.com${br}Bcc: victim@example.com`],
    ['replyTo', (br) => `reply@example.com${br}X-Evil: 1`],
    ['lastRecipient', (br) => `ops@example.com${br}`],
    ['host', (br) => `smtp.example.com${br}`],
  ];
  for (const [field, value] of cases) {
    it.each(injections.map((br) => [JSON.stringify(br), value(br)]))(
      `${field} with %s is refused with validation.noLineBreaks`,
      (_label, injected) => expectRefused({ [field]: injected }, field, 'validation.noLineBreaks'),
    );
  }

  it('a line break at the very start of the host is refused the same way', () => {
    expectRefused({ host: '\nsmtp.example.com' }, 'host', 'validation.noLineBreaks');
  });
});

describe('username and anonymous', () => {
  it('a login needs a username', () => {
    expectRefused({ anonymous: false, username: '' }, 'username', 'validation.usernameRequired');
    expectRefused({ anonymous: false, username: '   ' }, 'username', 'validation.usernameRequired');
  });

  it('anonymous needs none, and a stored username is kept (ignored, not deleted)', () => {
    expectAccepted({ anonymous: true, username: '' });
    expectAccepted({ anonymous: true, username: 'alerts@example.com' });
  });

  it('the username rule is reported together with the other field errors', () => {
    const keys = fieldKeys({ ...validFields(), username: '', port: 0 });
    expect(keys).toEqual({ port: 'validation.portRange', username: 'validation.usernameRequired' });
  });
});

describe('name and protocol', () => {
  it('a profile needs a name of at most 100 characters', () => {
    expectRefused({ name: ' ' }, 'name', 'validation.nameRequired');
    expectRefused({ name: 'x'.repeat(101) }, 'name', 'validation.tooLong');
    expectAccepted({ name: 'Gmail – test (ü)' });
  });

  it('protocol is one of none, starttls, tls', () => {
    for (const security of ['none', 'starttls', 'tls'] as const) expectAccepted({ security });
    expectRefused({ security: 'ssl' }, 'security', 'validation.securityInvalid');
  });
});

describe('EHLO name', () => {
  it.each(['', 'vm', 'workstation.example.com', '[192.0.2.7]', '[IPv6:2001:db8::7]', '[IPv6:::1]'])(
    'accepts “%s”',
    (ehloName) => expectAccepted({ ehloName }),
  );

  it.each([
    'my host',
    'host_name.example',
    '-a.example',
    '[192.0.2.300]',
    '[2001:db8::7]',
    'a.123',
    'ホスト.example',
  ])('refuses “%s”', (ehloName) => expectRefused({ ehloName }, 'ehloName', 'validation.ehloNameInvalid'));

  it('profiles saved before the field existed get the automatic name', () => {
    const { ehloName: _absent, ...older } = validFields();
    expect(profileFieldsSchema.parse(older).ehloName).toBe('');
  });
});

describe('the automatic EHLO name’s address literal', () => {
  it.each([
    ['192.0.2.7', '[192.0.2.7]'],
    ['::ffff:192.0.2.7', '[192.0.2.7]'],
    ['2001:db8::7', '[IPv6:2001:db8::7]'],
    ['fe80::1%eth0', '[IPv6:fe80::1]'],
  ])('%s → %s', (address, literal) => {
    expect(addressLiteral(address)).toBe(literal);
    expect(isAddressLiteral(literal)).toBe(true);
  });
});

describe('control characters', () => {
  it.each([
    ['name', 'Relay\x1b[31m'],
    ['username', 'ops\x00@example.com'],
    ['from', 'ops\x7f@example.com'],
    ['replyTo', 'a\x08@example.com'],
  ])('are refused in %s', (field, value) =>
    expectRefused({ [field]: value }, field, 'validation.noControlCharacters'),
  );

  it('a tab in the profile name is fine', () => expectAccepted({ name: 'Relay\tA' }));
});

describe('the delivery check and the OAuth2 client', () => {
  const delivery = (overrides: Partial<DeliverySettings>) => ({
    delivery: {
      ...defaultDeliverySettings(),
      enabled: true,
      host: 'imap.example.com',
      username: 'ops',
      ...overrides,
    },
  });
  const oauth2 = (overrides: Partial<OAuth2Settings>) => ({
    auth: 'oauth2',
    oauth2: { ...defaultOAuth2Settings('microsoft'), clientId: 'client', ...overrides },
  });

  it('an enabled delivery check needs its IMAP host and username; a disabled one needs neither', () => {
    expectRefused(delivery({ host: ' ' }), 'delivery.host', 'validation.hostRequired');
    expectRefused(delivery({ username: '' }), 'delivery.username', 'validation.imapUsernameRequired');
    expectAccepted(delivery({ enabled: false, host: '', username: '' }));
  });

  it.each([
    [{ host: 'imap..example' }, 'delivery.host', 'validation.hostInvalid'],
    [{ port: 0 }, 'delivery.port', 'validation.portRange'],
    [{ timeoutSeconds: 0 }, 'delivery.timeoutSeconds', 'validation.timeoutRange'],
    [{ timeoutSeconds: 601 }, 'delivery.timeoutSeconds', 'validation.timeoutRange'],
    [{ dkimSelector: 's'.repeat(64) }, 'delivery.dkimSelector', 'validation.tooLong'],
  ])('delivery %j is refused on %s with %s', (overrides, field, key) =>
    expectRefused(delivery(overrides), field, key),
  );

  it('accepts a delivery check watching for 1 to 600 seconds', () => {
    expectAccepted(delivery({ timeoutSeconds: 1 }));
    expectAccepted(delivery({ timeoutSeconds: 600 }));
  });

  it.each([
    [{ clientId: ' ' }, 'oauth2.clientId', 'validation.clientIdRequired'],
    [{ scopes: '' }, 'oauth2.scopes', 'validation.scopesRequired'],
    [{ tenant: 'contoso onmicrosoft' }, 'oauth2.tenant', 'validation.tenantRequired'],
    [{ provider: 'custom', tenant: '' }, 'oauth2.issuer', 'validation.issuerRequired'],
    [{ provider: 'custom', issuer: 'issuer.example' }, 'oauth2.issuer', 'validation.urlInvalid'],
    [{ tokenEndpoint: 'https://login.example/\ntoken' }, 'oauth2.tokenEndpoint', 'validation.noLineBreaks'],
  ])('OAuth2 %j is refused on %s with %s', (overrides, field, key) =>
    expectRefused(oauth2(overrides as Partial<OAuth2Settings>), field, key),
  );

  it('OAuth2 needs its client; a custom provider is enough with an issuer', () => {
    expectRefused({ auth: 'oauth2', oauth2: null }, 'oauth2', 'validation.oauth2Required');
    expectAccepted(oauth2({ provider: 'custom', tenant: '', issuer: 'https://id.example' }));
  });
});
