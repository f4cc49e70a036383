/**
 * Saving the form never re-points an OAuth2 sign-in (DESIGN.md "Where a saved secret may
 * go"): a refresh token issued for one client and mailbox leaves the keychain when the
 * profile is saved with another, and the profile says "not signed in"; saving anything else
 * keeps it. Real services, real keychain (scripts/with-keyring.sh).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { oauth2Binding } from '../../../electron/services/secrets/binding';
import { defaultOAuth2Settings, type Profile } from '../../../electron/services/settings/profile';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';

let temp: TempServices | undefined;
afterEach(() => temp?.dispose());

/** A profile signed in as me@example.com with client `a` (the token as the sign-in saves it). */
async function signedIn(): Promise<{ services: TempServices['services']; profile: Profile }> {
  temp = tempServices();
  const { services } = temp;
  const oauth2 = { ...defaultOAuth2Settings('google'), clientId: 'a' };
  const created = await services.profiles.create(
    profileFields({
      name: 'Gmail',
      username: 'me@example.com',
      from: 'me@example.com',
      auth: 'oauth2',
      oauth2,
    }),
  );
  await services.secrets.set('oauth-refresh-token', created.id, 'refresh-a', oauth2Binding(created, oauth2));
  return { services, profile: services.profiles.setOAuthSignedIn(created.id, true) };
}

describe('saving a signed-in OAuth2 profile', () => {
  it('keeps the sign-in when the client and mailbox stay', async () => {
    const { services, profile } = await signedIn();
    const saved = await services.profiles.update(profile.id, { ...profile, name: 'Gmail relay', port: 465 });
    expect(saved.oauthSignedIn).toBe(true);
    expect(await services.secrets.get('oauth-refresh-token', profile.id)).toBe('refresh-a');
  });

  it.each([
    ['another mailbox', (p: Profile) => ({ ...p, username: 'other@example.com' })],
    ['another client', (p: Profile) => ({ ...p, oauth2: { ...p.oauth2!, clientId: 'b' } })],
    [
      'another provider',
      (p: Profile) => ({ ...p, oauth2: { ...defaultOAuth2Settings('microsoft'), clientId: 'a' } }),
    ],
  ])('drops the sign-in saved for other settings: %s', async (_, change) => {
    const { services, profile } = await signedIn();
    const saved = await services.profiles.update(profile.id, change(profile));
    expect(saved.oauthSignedIn).toBe(false);
    expect(services.profiles.get(profile.id).oauthSignedIn).toBe(false);
    expect(await services.secrets.get('oauth-refresh-token', profile.id)).toBeNull();
  });
});
