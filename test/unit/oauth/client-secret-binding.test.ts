/**
 * An OAuth2 client secret goes only to the client it was saved for (DESIGN.md "Where a saved
 * secret may go"), through SecretStore.getBound like every saved secret: a profile whose
 * client ID (or provider, tenant, issuer) changed does not send it, and the sign-in stops
 * before a browser opens. Real services, real keychain (scripts/with-keyring.sh).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { oauth2ClientBinding } from '../../../electron/services/secrets/binding';
import { defaultOAuth2Settings } from '../../../electron/services/settings/profile';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';

let temp: TempServices | undefined;
afterEach(() => temp?.dispose());

const googleClient = (clientId: string) => ({ ...defaultOAuth2Settings('google'), clientId });

describe('the OAuth2 client secret', () => {
  it('is saved for the profile’s client and not sent once the client ID changed', async () => {
    temp = tempServices();
    const { services } = temp;
    const profile = await services.profiles.create(
      profileFields({ name: 'Gmail', username: 'me@example.com', auth: 'oauth2', oauth2: googleClient('a') }),
    );
    await services.oauth.setClientSecret(profile.id, 'secret-of-a');
    expect(
      await services.secrets.getBound(
        'oauth-client-secret',
        profile.id,
        oauth2ClientBinding(googleClient('a')),
      ),
    ).toEqual({ state: 'bound', secret: 'secret-of-a' });

    await services.profiles.update(profile.id, { ...profile, oauth2: googleClient('b') });
    const opened: string[] = [];
    const signIn = services.oauth.signIn(profile.id, { openBrowser: async (url) => void opened.push(url) });
    await expect(signIn).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(signIn).rejects.toThrow(
      'The saved client secret belongs to another client than these settings: set the client secret again for this client ID.',
    );
    expect(opened).toEqual([]);
    await services.profiles.delete(profile.id);
  });
});
