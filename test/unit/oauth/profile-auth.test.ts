/**
 * The profile's `auth`: settings saved before OAuth2 read as a password login; an OAuth2
 * profile needs its provider's parts, each refusal tied to its field.
 */
import { describe, expect, it } from 'vitest';
import { profileFieldsSchema } from '../../../electron/services/settings/profile-schema';
import { defaultOAuth2Settings, emptyProfileFields } from '../../../electron/services/settings/profile';

const base = {
  ...emptyProfileFields(),
  name: 'M365',
  host: 'smtp.office365.com',
  username: 'relay@contoso.com',
  from: 'relay@contoso.com',
};

function issues(fields: unknown): Record<string, string> {
  const parsed = profileFieldsSchema.safeParse(fields);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('profile auth', () => {
  it('reads a profile saved before OAuth2 existed as a password login', () => {
    const { auth: _auth, oauth2: _oauth2, ...old } = base;
    expect(profileFieldsSchema.parse(old)).toMatchObject({ auth: 'password', oauth2: null });
  });

  it('prefills each provider’s scopes', () => {
    expect(defaultOAuth2Settings('google').scopes).toBe('https://mail.google.com/');
    expect(defaultOAuth2Settings('microsoft')).toMatchObject({
      tenant: 'organizations',
      scopes: 'https://outlook.office.com/SMTP.Send offline_access',
    });
  });

  it('names the missing part of an OAuth2 profile under its field', () => {
    expect(issues({ ...base, auth: 'oauth2' })).toEqual({ oauth2: 'validation.oauth2Required' });
    expect(
      issues({ ...base, auth: 'oauth2', oauth2: { ...defaultOAuth2Settings('microsoft'), tenant: '' } }),
    ).toEqual({
      'oauth2.clientId': 'validation.clientIdRequired',
      'oauth2.tenant': 'validation.tenantRequired',
    });
    expect(
      issues({ ...base, auth: 'oauth2', oauth2: { ...defaultOAuth2Settings('custom'), clientId: 'x' } }),
    ).toEqual({ 'oauth2.issuer': 'validation.issuerRequired' });
    expect(
      issues({
        ...base,
        auth: 'oauth2',
        oauth2: { ...defaultOAuth2Settings('custom'), clientId: 'x', issuer: 'javascript:alert(1)' },
      }),
    ).toEqual({ 'oauth2.issuer': 'validation.urlInvalid' });
    expect(
      issues({
        ...base,
        auth: 'oauth2',
        oauth2: { ...defaultOAuth2Settings('google'), clientId: 'id.apps.googleusercontent.com' },
      }),
    ).toEqual({});
  });
});
