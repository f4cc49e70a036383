/**
 * Guided setup in the browser, on the real services: new profiles from provider presets
 * (Microsoft 365 with its dated note, Amazon SES with its region), the Gmail walkthrough
 * against an `smtp-server` playing Gmail on loopback (534-5.7.9 for the account password,
 * 535-5.7.8 for a wrong app password, 235 for the right one), autodetect from an address,
 * the migration warning under the server address, and the app-password field's refusals.
 */
import { expect, settled, test, type AppHarness } from './harness';
import {
  ACCOUNT,
  ACCOUNT_PASSWORD,
  APP_PASSWORD,
  APP_PASSWORD_SHOWN,
  WRONG_APP_PASSWORD_SHOWN,
  startFakeGmail,
} from './fake-gmail';
import { expectNoSeriousAxeViolations, formField as field } from './page-helpers';

// ---------------------------------------------------------------------------------------

/** Opens the preset picker from the sidebar. */
async function openPicker(app: AppHarness) {
  await app.page.getByRole('complementary').getByRole('button', { name: 'New profile' }).click();
  const picker = app.page.getByRole('dialog', { name: 'New profile' });
  await expect(picker).toBeVisible();
  return picker;
}

const providerButton = (picker: ReturnType<AppHarness['page']['getByRole']>, name: string) =>
  picker.locator(`[data-preset="${name}"]`);

test('the preset picker: Microsoft 365 fills smtp.office365.com:587 STARTTLS and shows the dated note; Amazon SES asks for the region', async ({
  app,
}) => {
  const { page } = app;
  // The empty state names the usual starts.
  await expect(
    page.getByText('No profiles yet — start from Gmail, Microsoft 365 or your own server'),
  ).toBeVisible();
  const starts = page.getByRole('group', { name: 'Start a profile' });
  for (const name of ['Gmail', 'Microsoft 365', 'Your own server']) {
    await expect(starts.getByRole('button', { name, exact: true })).toBeVisible();
  }

  const picker = await openPicker(app);
  // Grouped, Custom last.
  const groups = picker.getByRole('region');
  await expect(groups.getByRole('heading')).toHaveText([
    'Find the settings for an address',
    'Personal mail accounts',
    'Work and organisation accounts',
    'Sending services',
    'Your own server',
  ]);
  const choices = picker.locator('[data-preset]');
  await expect(choices).toHaveCount(15);
  await expect(choices.last()).toHaveAttribute('data-preset', 'custom');
  await expect(picker.getByRole('textbox', { name: /Email address or domain/ })).toBeFocused();
  await settled(picker);
  await app.screenshot('preset-picker');
  await expectNoSeriousAxeViolations(page, 'the preset picker');

  await providerButton(picker, 'microsoft-365').click();
  await expect(picker).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Microsoft 365');
  await expect(field(page, /^Server address/)).toHaveValue('smtp.office365.com');
  await expect(field(page, /^Port/)).toHaveValue('587');
  await expect(page.getByRole('radio', { name: 'SMTP+STARTTLS' })).toHaveAttribute('aria-checked', 'true');
  const about = page.getByRole('region', { name: 'About Microsoft 365' });
  await expect(about).toBeVisible();
  const dated = about.locator('li[data-dated]');
  await expect(dated).toHaveCount(1);
  await expect(dated).toContainText('December 31, 2026');
  await expect(dated).toContainText('Basic authentication');
  await expect(dated.locator('time')).toHaveAttribute('datetime', '2026-12-31');
  const docs = about.getByRole('link', { name: /Microsoft 365 documentation/ });
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', 'noreferrer');
  await expect(docs).toHaveAttribute('href', /^https:\/\/learn\.microsoft\.com\//);
  expect(app.calls.filter((c) => c.channel.startsWith('profiles:create'))).toEqual([]); // nothing saved yet

  // Amazon SES: the region decides the server address; other ports are one click away.
  await openPicker(app);
  await providerButton(page.getByRole('dialog', { name: 'New profile' }), 'amazon-ses').click();
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Amazon SES');
  await expect(field(page, /^Server address/)).toHaveValue('');
  const region = page.getByRole('combobox', { name: /^Region/ });
  await region.selectOption('eu-west-1');
  await expect(field(page, /^Server address/)).toHaveValue('email-smtp.eu-west-1.amazonaws.com');
  await expect(field(page, /^Port/)).toHaveValue('587');
  const aboutSes = page.getByRole('region', { name: 'About Amazon SES' });
  await expect(aboutSes).toContainText('SMTP credentials are not IAM access keys');
  await aboutSes.getByRole('button', { name: 'Use 465 with SMTPS' }).click();
  await expect(field(page, /^Port/)).toHaveValue('465');
  await expect(page.getByRole('radio', { name: 'SMTPS' })).toHaveAttribute('aria-checked', 'true');
  await expect(aboutSes).toContainText('In use: 465 with SMTPS');

  // Saved, it is still SES in that region (the region is read back from the address).
  await page.getByRole('textbox', { name: /^Username/ }).fill('AKIAEXAMPLEEXAMPLE12');
  await field(page, /^From/).fill('alerts@example.com');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('complementary').getByRole('button', { name: /^Amazon SES/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('combobox', { name: /^Region/ })).toHaveValue('eu-west-1');
  const saved = (await app.services.profiles.listWithLastRun())[0]!;
  expect(saved).toMatchObject({ host: 'email-smtp.eu-west-1.amazonaws.com', port: 465, security: 'tls' });
});

test('Gmail walkthrough: the account password fails, "Open the Gmail guide" opens at the app-password step, the pasted app password passes', async ({
  app,
}) => {
  const gmail = await startFakeGmail();
  try {
    const { page } = app;
    await page.getByRole('group', { name: 'Start a profile' }).getByRole('button', { name: 'Gmail' }).click();
    await expect(field(page, /^Server address/)).toHaveValue('smtp.gmail.com');
    await expect(field(page, /^Port/)).toHaveValue('465');
    await expect(page.getByRole('radio', { name: 'SMTPS' })).toHaveAttribute('aria-checked', 'true');
    const guide = page.getByRole('region', { name: 'Gmail setup guide' });
    await expect(guide).toBeVisible();
    await expect(page.getByRole('region', { name: 'About Gmail' })).toBeVisible();

    // The Gmail preset, pointed at the fake Gmail on loopback (plain SMTP is fine there).
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Gmail (fake)');
    await field(page, /^Server address/).fill('localhost');
    await page.getByRole('radio', { name: 'SMTP', exact: true }).click();
    await field(page, /^Port/).fill(String(gmail.port));
    // The guide reads the form: a username that is not an address, a From that differs.
    await field(page, /^Username/).fill('preflight.test');
    await field(page, /^From/).fill('alerts@example.com');
    const usernameStep = guide.locator('[data-step="username"]');
    await expect(usernameStep).toHaveAttribute('data-state', 'warning');
    await usernameStep.getByRole('button', { name: /Username is the full address/ }).click();
    await expect(usernameStep).toContainText('is not an address');
    await field(page, /^Username/).fill(ACCOUNT);
    await expect(usernameStep).toHaveAttribute('data-state', 'done');
    const fromStep = guide.locator('[data-step="from"]');
    await expect(fromStep).toHaveAttribute('data-state', 'warning');
    await fromStep.getByRole('button', { name: /From is that address or an alias/ }).click();
    await expect(fromStep).toContainText('“Send mail as” alias');
    await fromStep.getByRole('button', { name: `Use ${ACCOUNT} as From` }).click();
    await expect(field(page, /^From/)).toHaveValue(ACCOUNT);
    await expect(fromStep).toHaveAttribute('data-state', 'done');

    // The account's own password, as many admins try first.
    await page.getByLabel(/^Password/).fill(ACCOUNT_PASSWORD);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(
      page.getByRole('complementary').getByRole('button', { name: /^Gmail \(fake\)/ }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Gmail setup guide' })).toBeVisible(); // still Gmail once saved

    const header = page.locator('header');
    await header.getByRole('button', { name: 'Send test message' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send test message' });
    await dialog.getByLabel(/Recipient/).fill('someone@example.com');
    await dialog.getByLabel(/Recipient/).press('Enter');
    let callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('Gmail needs an app password for this account.');
    await expect(callout).toContainText('AUTH_APP_PASSWORD_REQUIRED');
    await dialog.getByRole('button', { name: "Server's reply" }).click();
    await expect(dialog.getByTestId('server-reply')).toContainText(
      '534 5.7.9 Application-specific password required',
    );
    expect(gmail.logins.at(-1)).toMatchObject({ username: ACCOUNT, password: ACCOUNT_PASSWORD, result: 534 });

    // The callout's guide button: the dialog closes, the guide opens at the app-password steps.
    await callout.getByRole('button', { name: 'Open the Gmail guide' }).click();
    await expect(dialog).toBeHidden();
    const createStep = guide.getByRole('button', { name: /Create an app password/ });
    const pasteStep = guide.getByRole('button', { name: /Paste the app password/ });
    await expect(createStep).toHaveAttribute('aria-expanded', 'true');
    await expect(pasteStep).toHaveAttribute('aria-expanded', 'true');
    await expect(guide.getByRole('button', { name: /Turn on 2-Step Verification/ })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await expect(guide.locator('[data-step="paste"]')).toHaveAttribute('data-state', 'failed');
    await expect(guide.getByTestId('guide-reason')).toContainText(
      'Gmail needs an app password for this account.',
    );
    const appPassword = guide.getByLabel(/^App password/);
    await expect(appPassword).toBeFocused();
    const appPasswordLink = guide.getByRole('link', { name: /Open App passwords/ });
    await expect(appPasswordLink).toHaveAttribute('href', 'https://myaccount.google.com/apppasswords');
    await expect(appPasswordLink).toHaveAttribute('target', '_blank');
    await expect(guide).toContainText('security keys for 2-Step Verification');
    await expect(guide).toContainText('Advanced Protection');
    // The "Profile created" toast has gone (a toast fading out fools axe's contrast check).
    await expect(page.locator('.fui-Toast')).toHaveCount(0);
    await settled(guide);
    await app.screenshot('gmail-guide');
    await expectNoSeriousAxeViolations(page, 'the Gmail guide');

    // A wrong app password (16 letters): Gmail says 535-5.7.8; the guide opens at the paste step.
    await appPassword.fill(WRONG_APP_PASSWORD_SHOWN);
    await appPassword.press('Enter');
    await expect(guide.getByRole('status')).toContainText('Saved in the system keychain');
    await expect(page.getByText('Unsaved changes')).toHaveCount(0); // Enter saved the password, not the form
    await header.getByRole('button', { name: 'Send test message' }).click();
    await expect(dialog.getByLabel(/Recipient/)).toHaveValue('someone@example.com'); // remembered
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('AUTH_FAILED');
    await expect(callout).toContainText('app password');
    expect(gmail.logins.at(-1)).toMatchObject({ password: 'abcdefghijklmnop', result: 535 });
    await callout.getByRole('button', { name: 'Open the Gmail guide' }).click();
    await expect(dialog).toBeHidden();
    await expect(pasteStep).toHaveAttribute('aria-expanded', 'true');
    await expect(guide.getByRole('button', { name: /Username is the full address/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(appPassword).toBeFocused();

    // The right one, with the spaces Google shows: it is stored without them, and the test passes.
    await appPassword.fill(APP_PASSWORD_SHOWN);
    await guide.getByRole('button', { name: 'Save app password' }).click();
    await expect(guide.getByRole('status')).toContainText('Saved in the system keychain');
    await expect(guide.locator('[data-step="paste"]')).toHaveAttribute('data-state', 'done');
    expect(app.calls.filter((c) => c.channel === 'profiles:setPassword').map((c) => c.input)).toEqual([
      { id: expect.any(String), password: 'abcdefghijklmnop' },
      { id: expect.any(String), password: APP_PASSWORD },
    ]);
    await header.getByRole('button', { name: 'Send test message' }).click();
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog.getByTestId('run-outcome')).toContainText('Accepted by localhost');
    expect(gmail.logins.at(-1)).toMatchObject({ username: ACCOUNT, password: APP_PASSWORD, result: 235 });
    expect(gmail.messages).toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(guide.locator('[data-step="send"]')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('last-result')).toContainText('Accepted');

    // The app password never came back from main and never reached a file.
    for (const call of app.calls.filter((c) => c.channel.startsWith('profiles:'))) {
      expect(JSON.stringify(call.result)).not.toContain(APP_PASSWORD);
    }
    for (const file of app.files()) expect(file.content, file.path).not.toContain(APP_PASSWORD);
  } finally {
    await gmail.close();
  }
});

test('autodetect: someone@gmail.com proposes the Gmail preset, which starts the profile; "Find settings" applies a candidate to the form', async ({
  app,
}) => {
  const { page } = app;
  const picker = await openPicker(app);
  const input = picker.getByRole('textbox', { name: /Email address or domain/ });
  await input.press('Enter');
  await expect(picker.getByText('Enter an email address or a domain.')).toBeVisible();
  await input.fill('someone@gmail.com');
  await input.press('Enter');
  const table = picker.getByRole('table', { name: 'Proposed settings for gmail.com' });
  const best = table.locator('tr[data-best]');
  await expect(best).toHaveCount(1);
  await expect(best).toHaveAttribute('data-source', 'preset');
  await expect(best).toContainText('smtp.gmail.com:465');
  await expect(best).toContainText('Best match');
  await expect(best).toContainText('Preset');
  await expect(best).toContainText('Known settings');
  await expect(best).toContainText('SMTPS');
  expect(app.calls.filter((c) => c.channel === 'servers:autodetect').map((c) => c.input)).toEqual([
    { input: 'someone@gmail.com' },
  ]);
  await settled(picker);
  await app.screenshot('autodetect');
  await expectNoSeriousAxeViolations(page, 'the preset picker with autodetect results');

  await best.getByRole('button', { name: 'Use smtp.gmail.com, port 465, SMTPS' }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Gmail');
  await expect(field(page, /^Server address/)).toHaveValue('smtp.gmail.com');
  await expect(field(page, /^Port/)).toHaveValue('465');
  await expect(page.getByRole('radio', { name: 'SMTPS' })).toHaveAttribute('aria-checked', 'true');
  await expect(field(page, /^Username/)).toHaveValue('someone@gmail.com');
  await expect(field(page, /^From/)).toHaveValue('someone@gmail.com');
  await expect(page.getByRole('region', { name: 'Gmail setup guide' })).toBeVisible();

  // "Find settings" in the Server section: another address, applied to the form (unsaved).
  await page.getByRole('button', { name: 'Find settings' }).click();
  const finder = page.getByRole('dialog', { name: 'Find settings' });
  const finderInput = finder.getByRole('textbox', { name: /Email address or domain/ });
  await expect(finderInput).toHaveValue('someone@gmail.com'); // the From address, to begin with
  await finderInput.fill('ops@outlook.com');
  await finderInput.press('Enter');
  const outlook = finder
    .getByRole('table', { name: 'Proposed settings for outlook.com' })
    .locator('tr[data-best]');
  await expect(outlook).toContainText('smtp-mail.outlook.com:587');
  await outlook.getByRole('button', { name: /^Use smtp-mail\.outlook\.com/ }).click();
  await expect(finder).toBeHidden();
  await expect(field(page, /^Server address/)).toHaveValue('smtp-mail.outlook.com');
  await expect(field(page, /^Port/)).toHaveValue('587');
  await expect(page.getByRole('radio', { name: 'SMTP+STARTTLS' })).toHaveAttribute('aria-checked', 'true');
  // The server address now names Outlook.com: its notes replace Gmail's guide.
  await expect(page.getByRole('region', { name: 'About Outlook.com' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Gmail setup guide' })).toHaveCount(0);
  expect(app.calls.filter((c) => c.channel === 'profiles:create')).toEqual([]);
});

test('the migration warning: a private address, a vendor-hosted relay, and nothing for a public name', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('main').getByRole('button', { name: 'Your own server' }).click();
  const host = field(page, /^Server address/);
  const warning = page.getByTestId('migration-warning');
  await host.fill('192.168.10.25');
  await expect(warning).toContainText('Reachable only inside its own network');
  await expect(warning).toContainText('192.168.10.25 is a private address (192.168.0.0/16)');
  await host.fill('smtp.acme.youtrack.cloud');
  await expect(warning).toContainText("A vendor's hosted relay");
  await expect(warning).toContainText('refuses connections from outside');
  await expect(warning).toContainText(
    "replace smtp.acme.youtrack.cloud with your organisation's own SMTP server",
  );
  await host.fill('smtp.example.com');
  await expect(warning).toHaveCount(0);
  await host.fill('127.0.0.1');
  await expect(warning).toHaveAttribute('data-kind', 'loopback');
  await expectNoSeriousAxeViolations(page, 'the form with a migration warning');
});

test('the app-password field takes the 16 letters with or without spaces and refuses dashes, another length and non-letters', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('group', { name: 'Start a profile' }).getByRole('button', { name: 'Gmail' }).click();
  const guide = page.getByRole('region', { name: 'Gmail setup guide' });
  await guide.getByRole('button', { name: /Paste the app password/ }).click();
  const input = guide.getByLabel(/^App password/);
  const use = guide.getByRole('button', { name: 'Use this app password' });

  await input.fill('abcd-efgh-ijkl-mnop');
  await input.press('Enter');
  await expect(guide.getByText(/separated by spaces, not dashes/)).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Not saved', { exact: true })).toHaveCount(0); // Enter did not save the profile

  await input.fill('abcd efgh ijkl mno');
  await use.click();
  await expect(guide.getByText(/has exactly 16 letters, and this one has 15/)).toBeVisible();

  await input.fill('abcd1234efgh5678');
  await use.click();
  await expect(guide.getByText(/letters only \(a to z\)/)).toBeVisible();

  await input.fill('');
  await use.click();
  await expect(guide.getByText(/Paste the app password: the 16 letters/)).toBeVisible();

  // Spaces (Google's groups) are fine; upper case too: the new profile's password is the 16 letters.
  await input.fill('ABCD efgh IJKL mnop');
  await input.press('Enter');
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await expect(guide.getByRole('status')).toContainText('saved with the profile when you save it');
  await expect(page.getByLabel(/^Password/)).toHaveValue('abcdefghijklmnop');
  await expect(guide.locator('[data-step="paste"]')).toHaveAttribute('data-state', 'done');
  expect(app.calls.filter((c) => c.channel === 'profiles:setPassword')).toEqual([]);

  // Without spaces, straight after another: accepted as well.
  await input.fill('qrstuvwxyzabcdef');
  await use.click();
  await expect(page.getByLabel(/^Password/)).toHaveValue('qrstuvwxyzabcdef');
});
