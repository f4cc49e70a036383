/**
 * A server playing Gmail on loopback for the walkthrough tests: Gmail's replies, byte for
 * byte (534-5.7.9 for the account password, 535-5.7.8 for a wrong app password, 235 for the
 * right one), and nothing else of Gmail's.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';

export const ACCOUNT = 'preflight.test@gmail.com';
/** The app password as Google shows it, and as Gmail checks it. */
export const APP_PASSWORD_SHOWN = 'hqzn rwmv kpdt ycsa';
export const APP_PASSWORD = 'hqznrwmvkpdtycsa';
export const WRONG_APP_PASSWORD_SHOWN = 'abcd efgh ijkl mnop';
export const ACCOUNT_PASSWORD = 'my-Google-password-1';

const GMAIL_APP_PASSWORD_REQUIRED = [
  '5.7.9 Application-specific password required. Learn more at',
  '5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d9443c01a7336-29a5c6b7d8e9 - gsmtp',
];
const GMAIL_BAD_CREDENTIALS = [
  '5.7.8 Username and Password not accepted. For more information, go to',
  '5.7.8  https://support.google.com/mail/?p=BadCredentials d9443c01a7336-29a5c6b7d8e9 - gsmtp',
];

/**
 * smtp-server answers a refused login with `err.responseCode` and `err.message`; a message
 * that is an array of lines goes out as a multi-line reply ("534-…" then "534 …"), which is
 * how Gmail words it. (Enhanced codes are written into the lines, as Gmail does.)
 */
function gmailRefusal(code: number, lines: string[]): Error {
  const error = new Error(lines.join(' ')) as Error & { responseCode: number };
  error.responseCode = code;
  (error as unknown as { message: string[] }).message = lines;
  return error;
}

export interface FakeGmail {
  port: number;
  logins: Array<{ username: string; password: string; result: number }>;
  messages: number;
  close(): Promise<void>;
}

export async function startFakeGmail(): Promise<FakeGmail> {
  const state: FakeGmail = { port: 0, logins: [], messages: 0, close: async () => undefined };
  const server = new SMTPServer({
    name: 'smtp.gmail.com',
    banner: 'smtp.gmail.com ESMTP d9443c01a7336-29a5c6b7d8e9 - gsmtp',
    // Plain TCP on loopback: the point is the walkthrough, not TLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onAuth(auth: SMTPServerAuthentication, _session, callback) {
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      if (username === ACCOUNT && password === APP_PASSWORD) {
        state.logins.push({ username, password, result: 235 });
        callback(null, { user: username });
      } else if (/^[a-z]{16}$/.test(password)) {
        state.logins.push({ username, password, result: 535 });
        callback(gmailRefusal(535, GMAIL_BAD_CREDENTIALS));
      } else {
        state.logins.push({ username, password, result: 534 });
        callback(gmailRefusal(534, GMAIL_APP_PASSWORD_REQUIRED));
      }
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        state.messages += 1;
        callback(null, 'OK  1767225600 d9443c01a7336-29a5c6b7d8e9 - gsmtp');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
