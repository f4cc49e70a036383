/**
 * Sign-in on a machine without a browser: the device authorization grant (RFC 8628). The
 * user opens the verification address on any device and types the code; meanwhile this
 * polls the token endpoint at the server's interval, slowing down by 5 s when told
 * `slow_down`, waiting on `authorization_pending`, and stopping with the server's words on
 * `access_denied`, `expired_token` or anything else.
 */
import * as oauth from 'oauth4webapi';
import type { ResolvedServer } from './authorization-server';
import type { ClientCredentials } from './loopback-sign-in';
import { sentence } from '../i18n/sentence';
import { OAuthSignInError, toSignInError } from './sign-in-error';

export interface DeviceCode {
  verificationUri: string;
  /** The address with the code in it, where the server gives one (for a QR code). */
  verificationUriComplete: string | null;
  userCode: string;
  expiresInSeconds: number;
}

export interface DeviceSignInOptions {
  scopes: string;
  /** Shows the address and the code to the user (printed by the CLI). */
  onCode(code: DeviceCode): void;
  /** Waits between polls; tests and the CLI use the real clock. */
  sleep?(ms: number): Promise<void>;
}

/** RFC 8628 3.2: 5 seconds when the server does not say. */
const DEFAULT_INTERVAL_S = 5;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deviceSignIn(
  server: ResolvedServer,
  credentials: ClientCredentials,
  options: DeviceSignInOptions,
): Promise<oauth.TokenEndpointResponse> {
  const { as, requestOptions } = server;
  const where = new URL(as.issuer).host;
  if (!as.device_authorization_endpoint) {
    throw new OAuthSignInError(sentence('oauth.noDeviceGrant', { server: where }));
  }
  const { client, auth } = credentials;
  const sleep = options.sleep ?? realSleep;
  try {
    const started = await oauth.deviceAuthorizationRequest(
      as,
      client,
      auth,
      { scope: options.scopes },
      requestOptions,
    );
    const device = await oauth.processDeviceAuthorizationResponse(as, client, started);
    options.onCode({
      verificationUri: device.verification_uri,
      verificationUriComplete: device.verification_uri_complete ?? null,
      userCode: device.user_code,
      expiresInSeconds: device.expires_in,
    });
    const deadline = Date.now() + device.expires_in * 1000;
    let interval = device.interval ?? DEFAULT_INTERVAL_S;
    for (;;) {
      await sleep(interval * 1000);
      if (Date.now() > deadline) {
        throw new OAuthSignInError(
          sentence('oauth.codeExpired', { code: device.user_code }),
          'expired_token',
        );
      }
      const response = await oauth.deviceCodeGrantRequest(
        as,
        client,
        auth,
        device.device_code,
        requestOptions,
      );
      try {
        return await oauth.processDeviceCodeResponse(as, client, response);
      } catch (error) {
        if (!(error instanceof oauth.ResponseBodyError)) throw error;
        if (error.error === 'authorization_pending') continue;
        if (error.error === 'slow_down') {
          interval += 5;
          continue;
        }
        throw error;
      }
    }
  } catch (error) {
    throw toSignInError(error, where);
  }
}
