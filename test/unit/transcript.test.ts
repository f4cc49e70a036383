/**
 * Redaction of the SMTP transcript (transcript.ts): what the user, the log and the CLI's
 * JSON see of an AUTH exchange. The secret must not survive in any form; the mechanism
 * and everything after the login must.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, Transcript } from '../../electron/services/smtp/transcript';
import { TOKEN_MECHANISMS, tokenResponse } from '../../electron/services/smtp/token-auth';

const USER = 'alerts@example.com';
const PASS = 'hunter2-Sekret!';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Every spelling of the secret that could cross the wire. */
const SECRET_FORMS = [PASS, b64(PASS), b64(`\0${USER}\0${PASS}`), b64(`\0\0${PASS}`)];

function newTranscript(): Transcript {
  return new Transcript(performance.now(), [PASS], [USER]);
}

/** Plays a session: `C:` lines are the client's, `S:` lines the server's. */
function play(transcript: Transcript, script: string[]): string[] {
  for (const step of script) {
    const text = step.slice(3);
    if (step.startsWith('C: ')) transcript.client(text);
    else transcript.server(text);
  }
  return transcript.lines.map((l) => `${l.dir}: ${l.line}`);
}

function expectNoSecretForm(lines: readonly string[]): void {
  const all = lines.join('\n');
  for (const form of SECRET_FORMS) expect(all).not.toContain(form);
}

const AFTER_LOGIN = [
  'C: MAIL FROM:<alerts@example.com>',
  'S: 250 2.1.0 Ok',
  'C: RCPT TO:<ops@example.com>',
  'S: 250 2.1.5 Ok',
];

describe('AUTH exchanges', () => {
  it('AUTH PLAIN with an initial response: the mechanism stays, the credentials go', () => {
    const lines = play(newTranscript(), [
      'S: 220 smtp.example.com ESMTP',
      `C: AUTH PLAIN ${b64(`\0${USER}\0${PASS}`)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);

    expectNoSecretForm(lines);
    expect(lines).toEqual([
      'S: 220 smtp.example.com ESMTP',
      `C: AUTH PLAIN ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('AUTH PLAIN without an initial response (334 then the credentials line)', () => {
    const lines = play(newTranscript(), [
      'C: AUTH PLAIN',
      'S: 334 ',
      `C: ${b64(`\0${USER}\0${PASS}`)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);

    expectNoSecretForm(lines);
    expect(lines).toEqual([
      'C: AUTH PLAIN',
      'S: 334 ',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('AUTH LOGIN: the 334 challenges stay, the base64 username and password lines go', () => {
    const lines = play(newTranscript(), [
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      `C: ${b64(USER)}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${b64(PASS)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);

    expectNoSecretForm(lines);
    expect(lines.join('\n')).not.toContain(b64(USER));
    expect(lines).toEqual([
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      `C: ${REDACTED}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('AUTH LOGIN with the username as initial response', () => {
    const lines = play(newTranscript(), [
      `C: AUTH LOGIN ${b64(USER)}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${b64(PASS)}`,
      'S: 235 2.7.0 Authentication successful',
    ]);
    expectNoSecretForm(lines);
    expect(lines).toEqual([
      `C: AUTH LOGIN ${REDACTED}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
    ]);
  });

  it('a failed login ends the masking too: the 535 and what follows are shown', () => {
    const lines = play(newTranscript(), [
      `C: AUTH PLAIN ${b64(`\0${USER}\0${PASS}`)}`,
      'S: 535 5.7.8 Error: authentication failed: authentication failure',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    ]);
    expect(lines).toEqual([
      `C: AUTH PLAIN ${REDACTED}`,
      'S: 535 5.7.8 Error: authentication failed: authentication failure',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    ]);
  });
});

describe('the secret anywhere else', () => {
  it('in clear inside any line (a server echo, a client command) it is replaced', () => {
    const lines = play(newTranscript(), [
      `S: 501 5.5.2 Syntax error near "${PASS}"`,
      `C: NOOP ${PASS}`,
      `S: 250-smtp.example.com greets you, ${PASS}\r\n250 AUTH PLAIN LOGIN`,
    ]);
    expectNoSecretForm(lines);
    expect(lines).toEqual([
      `S: 501 5.5.2 Syntax error near "${REDACTED}"`,
      `C: NOOP ${REDACTED}`,
      `S: 250-smtp.example.com greets you, ${REDACTED}`,
      'S: 250 AUTH PLAIN LOGIN',
    ]);
  });

  it('base64 of \\0user\\0pass and of the password alone are replaced wherever they turn up', () => {
    const lines = play(newTranscript(), [
      `S: 535 5.7.8 ${b64(`\0${USER}\0${PASS}`)} rejected`,
      `S: 451 4.7.0 debug: ${b64(PASS)}`,
      `S: 454 4.7.0 ${b64(`\0\0${PASS}`)}`,
    ]);
    expectNoSecretForm(lines);
    expect(lines).toEqual([
      `S: 535 5.7.8 ${REDACTED} rejected`,
      `S: 451 4.7.0 debug: ${REDACTED}`,
      `S: 454 4.7.0 ${REDACTED}`,
    ]);
  });

  it('scrub() cleans any text (an error message) with the same secrets', () => {
    const transcript = newTranscript();
    expect(transcript.scrub(`Invalid login: 535 bad password ${PASS}`)).toBe(
      `Invalid login: 535 bad password ${REDACTED}`,
    );
  });

  it('the username alone, the server name and ordinary replies are left as they are', () => {
    const lines = play(newTranscript(), [
      'S: 220 smtp.example.com ESMTP',
      `C: EHLO ${USER.split('@')[1]}`,
      ...AFTER_LOGIN,
    ]);
    expect(lines).toEqual(['S: 220 smtp.example.com ESMTP', 'C: EHLO example.com', ...AFTER_LOGIN]);
  });

  it('lines arrive at listeners already redacted, with a time', () => {
    const transcript = newTranscript();
    const heard: Array<{ line: string; ms: number }> = [];
    transcript.onLine((line) => heard.push(line));
    transcript.client(`AUTH PLAIN ${b64(`\0${USER}\0${PASS}`)}`);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.line).toBe(`AUTH PLAIN ${REDACTED}`);
    expect(heard[0]?.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(transcript)).not.toContain(PASS);
  });
});

describe('through the nodemailer logger', () => {
  it('client and server entries are recorded and redacted; other entries are ignored', () => {
    const transcript = newTranscript();
    const logger = transcript.logger();
    logger.debug({ tnx: 'server' }, '220 smtp.example.com ESMTP');
    logger.debug({ tnx: 'client' }, 'AUTH LOGIN');
    logger.debug({ tnx: 'server' }, '334 VXNlcm5hbWU6');
    logger.debug({ tnx: 'client' }, '%s', b64(USER));
    logger.debug({ tnx: 'server' }, '334 UGFzc3dvcmQ6');
    logger.debug({ tnx: 'client' }, b64(PASS));
    logger.debug({ tnx: 'server' }, '235 2.7.0 Authentication successful');
    logger.debug({ tnx: 'message' }, `Subject: ${PASS}`);
    logger.info({ tnx: 'network' }, `connected with ${PASS}`);

    const lines = transcript.lines.map((l) => `${l.dir}: ${l.line}`);
    expectNoSecretForm(lines);
    expect(lines).toEqual([
      'S: 220 smtp.example.com ESMTP',
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      `C: ${REDACTED}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
    ]);
  });
});

describe('OAuth2 logins in the transcript', () => {
  it('hides the XOAUTH2 and OAUTHBEARER responses and the token learnt during the run', () => {
    const token = 'ya29.a0AfH6SMB-secret-token';
    const transcript = new Transcript(0, []);
    transcript.addSecrets(
      [token, ...TOKEN_MECHANISMS.map((m) => tokenResponse(m, 'me@example.com', token))],
      ['me@example.com'],
    );
    transcript.client(`AUTH XOAUTH2 ${tokenResponse('XOAUTH2', 'me@example.com', token)}`);
    transcript.server('334 eyJzdGF0dXMiOiI0MDAifQ==');
    transcript.client('');
    transcript.server('535 5.7.8 rejected');
    transcript.client(`AUTH OAUTHBEARER ${tokenResponse('OAUTHBEARER', 'me@example.com', token)}`);
    transcript.server(`535 5.7.8 token ${token} refused`);
    const text = JSON.stringify(transcript.lines);
    expect(transcript.lines.map((l) => l.line)).toEqual([
      'AUTH XOAUTH2 <redacted>',
      '334 eyJzdGF0dXMiOiI0MDAifQ==',
      '<redacted>',
      '535 5.7.8 rejected',
      'AUTH OAUTHBEARER <redacted>',
      '535 5.7.8 token <redacted> refused',
    ]);
    expect(text).not.toContain(token);
  });
});
