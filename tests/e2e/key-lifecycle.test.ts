// A key's life in Chromium, over the real core and gnome-keyring, with the CloudFront double as
// CloudFront and STS (moto lacks UpdateKeyGroup and enforced ETags): each key's status in the list;
// a key not uploaded, uploaded from its detail; where a key is used (key groups, the paths that
// trust them, sites here, links still working); the replace wizard end to end through a key group
// at its 5-key limit; retiring refused while links work, then the plan that stops them; the second
// consent before a trusted key group is left with no key; the reminder badge and retiring an old
// key; undoing a restriction; removing a saved access key. axe in light and dark, keyboard reach,
// Escape, and screenshots in test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Keyfront } from '../../src/core/app.ts'
import { startCloudFrontDouble, type CloudFrontDouble } from '../harness/cloudfront-double.ts'
import { closeBrowser, launchApp, type E2eApp } from '../harness/e2e.ts'
import { keychainAccounts } from '../harness/secret-tool.ts'
import { createTestDistribution, directClient, readConfig } from '../unit/core/cloudfront/world.ts'

let double: CloudFrontDouble
let app: E2eApp
let kf: Keyfront
const shop = { distributionId: '', domainName: '', keyGroupId: '', keyGroupName: '', keyPairId: '' }
const spares: { name: string; keyPairId: string }[] = []

const page = () => app.page
const nav = (name: string) => page().getByRole('navigation').getByRole('button', { name }).click()

async function expectAccessibleInBothThemes(screenshot: string): Promise<void> {
  expect(await app.seriousA11yViolations()).toEqual([])
  await app.screenshot(screenshot)
  await page().emulateMedia({ colorScheme: 'dark' })
  expect(await app.seriousA11yViolations()).toEqual([])
  await app.screenshot(`${screenshot}-dark`)
  await page().emulateMedia({ colorScheme: 'light' })
}

/** Records a link in History as signing does (never the signature), expiring in `days`. */
function recordLink(
  site: { distributionId: string; domainName: string },
  key: { id: string; keyPairId: string },
  label: string,
  days: number,
) {
  const url = `https://${site.domainName}/reports/${encodeURIComponent(label)}.pdf`
  const expiresAt = Math.floor(Date.now() / 1000) + days * 86_400
  kf.history.record([
    {
      kind: 'url',
      url,
      resource: url,
      policy: `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${expiresAt}}}}]}`,
      canned: true,
      keyId: key.id,
      keyPairId: key.keyPairId,
      algorithm: 'rsa-sha1',
      expiresAt,
      label,
      distributionId: site.distributionId,
      source: 'app',
    },
  ])
}

/** Restricts a new distribution with a new key, as onboarding does; returns what it made. */
async function restrictedShop(comment: string, keyName: string) {
  const distributionId = await createTestDistribution(directClient(double.endpoint), comment)
  const key = await kf.keys.create({ name: keyName, type: 'rsa' })
  const result = await kf.cloudfront.onboard({
    distributionId,
    key: key.id,
    behaviors: ['default', '/private/*'],
  })
  const site = (await kf.cloudfront.sites()).find((s) => s.distributionId === distributionId)
  return { ...result, key, domainName: site?.domainName ?? '' }
}

/** The accessible names of the controls that take focus on pressing Tab `count` times. */
async function tabStops(count: number): Promise<string[]> {
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    await page().keyboard.press('Tab')
    names.push(
      await page().evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        return (el?.getAttribute('aria-label') ?? el?.innerText ?? '').trim()
      }),
    )
  }
  return names
}

beforeAll(async () => {
  double = await startCloudFrontDouble()
  double.deployPolls = 0
  app = await launchApp({ env: double.env })
  kf = app.keyfront
  const made = await restrictedShop('Shop', 'Shop 2025')
  Object.assign(shop, {
    distributionId: made.distributionId,
    domainName: made.domainName,
    keyGroupId: made.keyGroupId,
    keyGroupName: made.keyGroupName,
    keyPairId: made.publicKeyId,
  })
  const shopKey = { id: made.key.id, keyPairId: shop.keyPairId }
  recordLink(shop, shopKey, 'Q3 report', 3)
  recordLink(shop, shopKey, 'Q4 report', 12)
  // Four older keys, uploaded and in the shop's key group, which is then at CloudFront's limit.
  for (const name of ['Old spare 1', 'Old spare 2', 'Old spare 3', 'Old spare 4']) {
    const spare = await kf.keys.create({ name, type: 'ecdsa' })
    spares.push({ name, keyPairId: (await kf.cloudfront.upload(spare.id)).publicKeyId })
  }
  const group = double.keyGroups.find((g) => g.id === shop.keyGroupId)!
  group.items.push(...spares.map((s) => s.keyPairId))
  group.etag = 'ARRANGED1'
  await kf.keys.create({ name: 'Draft key', type: 'ecdsa' })
  await nav('Keys')
})

afterAll(async () => {
  if (app) {
    for (const key of await kf.keys.list()) await kf.keys.delete(key.id)
    await app.close()
  }
  await closeBrowser()
  await double?.stop()
})

describe('a key’s status and where it is used', () => {
  it('lists each key with its status', async () => {
    const table = page().getByRole('table', { name: 'Signing keys' })
    await expect
      .poll(() => table.getByRole('row', { name: /Shop 2025/ }).innerText())
      .toMatch(/Shop 2025\s+In use\s+RSA 2048/)
    await expect(table.getByRole('row', { name: /Draft key/ }).innerText()).resolves.toMatch(
      /Draft key\s+Not uploaded\s+ECDSA P-256/,
    )
    await expectAccessibleInBothThemes('lifecycle-keys-list')
  })

  it('uploads a key that has no Key-Pair-Id from its detail; it is trusted nowhere yet', async () => {
    await page().getByRole('button', { name: 'Draft key' }).click()
    await page().getByRole('heading', { name: 'Draft key', level: 2 }).waitFor()
    const detail = page().getByRole('article')
    await detail.getByText('Not uploaded', { exact: true }).waitFor()
    await page().getByText('CloudFront does not have this key yet').waitFor()
    // The heading has the focus; the upload is a Tab or two away.
    expect(await tabStops(4)).toContain('Upload to CloudFront')
    await page().getByRole('button', { name: 'Upload to CloudFront' }).focus()
    expect(
      await page().evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
    ).not.toBe('none')
    await page().keyboard.press('Enter')

    await page()
      .getByText(/Uploaded to CloudFront as K[A-Z0-9]+\./)
      .waitFor()
    const keyPairId = (await kf.keys.find('Draft key')).keyPairId ?? '-'
    await page().getByText(`Uploaded to CloudFront as ${keyPairId}.`).waitFor()
    expect(double.publicKeys.map((k) => k.id)).toContain(keyPairId)
    await page().getByRole('button', { name: 'Restrict a distribution…' }).waitFor()
    await detail.getByText('In use', { exact: true }).waitFor()
    await page().getByText('None: no distribution trusts this key yet.').waitFor()
    await expectAccessibleInBothThemes('lifecycle-uploaded')
  })

  it('shows where a key is used: key groups, the paths trusting them, sites here, links still working', async () => {
    await page().getByRole('button', { name: '← All keys' }).click()
    await page().getByRole('button', { name: 'Shop 2025' }).click()
    const usage = page().getByRole('region', { name: 'Used by' })
    await usage.getByText(`${shop.keyGroupName}`).waitFor()
    const text = await usage.innerText()
    expect(text).toMatch(/Links still working\s+2 links, the last until .+/)
    expect(text).toContain('Sites on this computer\nShop')
    expect(text).toContain(`${shop.keyGroupName} (5 of 5 keys)`)
    expect(text).toContain(`Trusted by ${shop.domainName} for Default (every other path), /private/*`)
    expect(text).not.toMatch(/[A-Z_]{6,}:|CF_|KEY_/)
    await page().getByRole('article').getByText('In use', { exact: true }).waitFor()
    await expectAccessibleInBothThemes('lifecycle-used-by')
  })
})

describe('replacing a key', () => {
  it('opens with its heading focused, and Escape leaves it', async () => {
    await page().getByRole('button', { name: 'Replace key…' }).click()
    const title = page().getByRole('heading', { name: 'What replacing “Shop 2025” involves' })
    await title.waitFor()
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true)
    await page().keyboard.press('Escape')
    await page().getByRole('heading', { name: 'Shop 2025', level: 2 }).waitFor()
  })

  it('plans first: the full key group offers to take out a key nothing needs', async () => {
    await page().getByRole('button', { name: 'Replace key…' }).click()
    const choice = page().getByRole('group', {
      name: `How should the new key get into ${shop.keyGroupName}?`,
    })
    await choice.waitFor()
    await page().getByText('already holds 5 keys, CloudFront’s limit.').waitFor()
    expect(await page().getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true)
    const spare = spares[0]!
    await choice.getByRole('radio', { name: `Take out “${spare.name}” (${spare.keyPairId})` }).check()
    await page().getByText(`take out “${spare.name}” (${spare.keyPairId}) and add`).waitFor()
    await page().getByLabel('Name of the new key').fill('Shop 2026')
    await expect.poll(() => page().getByRole('button', { name: 'Continue' }).isEnabled()).toBe(true)
    await page().getByText(`Switch the site ${shop.domainName} on this computer to “Shop 2026”`).waitFor()
    await page().getByText('Mark “Shop 2025” as retiring.').waitFor()
    await expectAccessibleInBothThemes('lifecycle-replace-plan')
  })

  it('replaces: the new key joins the group, the site switches, no link stops working', async () => {
    await page().getByRole('button', { name: 'Continue' }).click()
    await page().getByRole('heading', { name: 'Review and replace' }).waitFor()
    // Refused half-way (the key made and uploaded, the group not saved): said in words, and
    // replacing again finishes the job without a second key.
    double.applied.length = 0
    double.inject({ operation: 'UpdateKeyGroup', kind: 'access-denied' })
    await page().getByRole('button', { name: 'Replace key', exact: true }).click()
    const refused = page().getByRole('alert')
    await refused.getByText(/cloudfront:UpdateKeyGroup/).waitFor()
    await page().getByText('Replacing again is safe').waitFor()
    expect(await app.seriousA11yViolations()).toEqual([])
    await app.screenshot('lifecycle-replace-refused')
    await page().getByRole('button', { name: 'Replace again' }).click()
    await page().getByRole('heading', { name: 'Done: no link stops working' }).waitFor()
    await page()
      .getByText('“Shop 2025” is now retiring: it stays in its key groups, because 2 links signed with it')
      .waitFor()
    const fresh = await kf.keys.find('Shop 2026')
    expect((await kf.keys.list()).filter((k) => k.name.startsWith('Shop 2026'))).toHaveLength(1)
    const applied = (operation: string) => double.applied.filter((c) => c.operation === operation)
    expect(applied('CreatePublicKey')).toHaveLength(1)
    expect(applied('UpdateKeyGroup')).toHaveLength(1)
    const group = double.keyGroups.find((g) => g.id === shop.keyGroupId)!
    expect(group.items).toContain(fresh.keyPairId)
    expect(group.items).toContain(shop.keyPairId)
    expect(group.items).not.toContain(spares[0]!.keyPairId)
    expect((await kf.cloudfront.sites()).find((s) => s.distributionId === shop.distributionId)?.keyId).toBe(
      fresh.id,
    )
    await expectAccessibleInBothThemes('lifecycle-replace-done')
  })

  it('shows the old key as retiring until its last link expires', async () => {
    await page().getByRole('button', { name: 'Back to keys' }).click()
    const row = page()
      .getByRole('table', { name: 'Signing keys' })
      .getByRole('row', { name: /Shop 2025/ })
    await expect.poll(() => row.innerText()).toMatch(/Shop 2025\s+Retiring \(last link expires .+\)/)
    await expect(
      page()
        .getByRole('table', { name: 'Signing keys' })
        .getByRole('row', { name: /Shop 2026/ })
        .innerText(),
    ).resolves.toMatch(/In use/)
  })
})

describe('retiring a key and stopping its links', () => {
  it('refuses to retire while links still work, saying how many and until when', async () => {
    await page().getByRole('button', { name: 'Shop 2025' }).click()
    await page().getByRole('button', { name: 'Retire…' }).click()
    const refusal = page().getByRole('note', { name: 'Not yet' })
    await refusal
      .getByText(/“Shop 2025” cannot be retired yet: 2 links signed with it still work, the last until/)
      .waitFor()
    await expectAccessibleInBothThemes('lifecycle-retire-refused')
  })

  it('plans the stop: the links that stop (label, address, expiry) and the distributions affected', async () => {
    await page().getByRole('button', { name: 'Stop all links signed with this key…' }).click()
    await page().getByRole('heading', { name: 'Stop all links signed with “Shop 2025”' }).waitFor()
    const table = page().getByRole('table', { name: 'Links signed with Shop 2025 that stop working' })
    await table.waitFor()
    const rows = await table.getByRole('row').allInnerTexts()
    expect(rows[0]).toMatch(/Label\s+Link\s+Would work until/)
    expect(rows.slice(1).join('\n')).toMatch(
      new RegExp(`Q4 report\\s+https://${shop.domainName}/reports/Q4 report.pdf\\s+.+`),
    )
    expect(rows).toHaveLength(3)
    await page().getByRole('heading', { name: 'Distributions affected' }).waitFor()
    await page()
      .getByText(`${shop.domainName} (${shop.distributionId}): Default (every other path), /private/*`)
      .waitFor()
    await page().getByText(`Delete its public key ${shop.keyPairId} from CloudFront`).waitFor()
    // The group keeps other keys: no second consent is asked.
    expect(
      await page()
        .getByRole('checkbox', { name: /without a key/ })
        .count(),
    ).toBe(0)
    await expectAccessibleInBothThemes('lifecycle-stop-plan')
  })

  it('stops them: the key leaves its group and CloudFront', async () => {
    await page().getByRole('button', { name: 'Stop 2 links now' }).click()
    await page().getByText('“Shop 2025” is out of CloudFront: 2 links signed with it stop working').waitFor()
    expect(double.publicKeys.map((k) => k.id)).not.toContain(shop.keyPairId)
    expect(double.keyGroups.find((g) => g.id === shop.keyGroupId)?.items).not.toContain(shop.keyPairId)
    await app.screenshot('lifecycle-stop-done')
  })

  it('asks a second consent, naming the paths, before a trusted key group is left with no key', async () => {
    const lone = await restrictedShop('Lone', 'Lone key')
    recordLink(lone, { id: lone.key.id, keyPairId: lone.publicKeyId }, 'Press kit', 5)
    // Made outside the window (as the CLI would): Keys shows it when opened again.
    await nav('New link')
    await nav('Keys')
    await page().getByRole('button', { name: 'Lone key' }).click()
    await page().getByRole('button', { name: 'Stop all links signed with this key…' }).click()
    const consent = page().getByRole('group', { name: `Key group ${lone.keyGroupName}` })
    await consent.waitFor()
    await consent.getByText(`“Lone key” is the only key in the key group ${lone.keyGroupName}`).waitFor()
    const stop = page().getByRole('button', { name: 'Stop 1 link now' })
    expect(await stop.isDisabled()).toBe(true)
    await expectAccessibleInBothThemes('lifecycle-stop-consent')
    await consent
      .getByRole('checkbox', {
        name: `Leave ${lone.keyGroupName} without a key: every link to ${lone.domainName} (Default (every other path), /private/*) stops working`,
      })
      .check()
    await expect.poll(() => stop.isEnabled()).toBe(true)
    await stop.click()
    await page().getByRole('note', { name: 'Paths that refuse every link' }).waitFor()
    const group = double.keyGroups.find((g) => g.id === lone.keyGroupId)!
    expect(group.items).toHaveLength(1)
    expect(group.items).not.toContain(lone.publicKeyId)
    await app.screenshot('lifecycle-stop-locked')
  })
})

describe('the reminder that an old key can be retired', () => {
  it('shows a badge on Keys at start, and the Keys list retires the key', async () => {
    const old = await kf.keys.create({ name: 'Old 2024', type: 'ecdsa' })
    await kf.cloudfront.upload(old.id)
    await kf.keys.markRetiring(old.id)
    await page().reload()
    const keysButton = page()
      .getByRole('navigation')
      .getByRole('button', { name: /^Keys\W*an old key can be retired$/ })
    await keysButton.waitFor()
    await expect(keysButton.innerText()).resolves.toMatch(/^Keys\s*1/)
    await keysButton.click()
    const reminder = page().getByRole('note', { name: 'Keys that can be retired' })
    await reminder.getByText('Old key “Old 2024” can be retired').waitFor()
    await expect(
      page()
        .getByRole('table', { name: 'Signing keys' })
        .getByRole('row', { name: /Old 2024/ })
        .innerText(),
    ).resolves.toMatch(/Can be retired/)
    await expectAccessibleInBothThemes('lifecycle-reminder')

    await reminder.getByRole('button', { name: 'Retire “Old 2024”…' }).click()
    await page().getByText('No link stops working: none signed with “Old 2024” still works.').waitFor()
    await page().getByRole('button', { name: 'Retire key' }).click()
    await page().getByText('Retired “Old 2024”. No link stopped working.').waitFor()
    await page().getByRole('navigation').getByRole('button', { name: 'Keys', exact: true }).waitFor()
  })
})

describe('undoing a restriction', () => {
  it('stops requiring signed links on a distribution, with the plan and review of onboarding', async () => {
    await nav('Distributions')
    const card = page().getByRole('article').filter({ hasText: shop.distributionId })
    await card.getByRole('button', { name: 'Stop requiring signed links…' }).click()
    await page().getByRole('heading', { name: 'Which paths should stop requiring a signed link?' }).waitFor()
    await expect(page().getByRole('checkbox', { checked: true }).count()).resolves.toBe(2)
    await page().getByRole('button', { name: 'Continue' }).click()

    await page().getByRole('heading', { name: 'Review the changes' }).waitFor()
    const rows = await page().getByRole('table').getByRole('row').allInnerTexts()
    expect(rows[0]).toMatch(/Path\s+Now\s+After/)
    expect(rows[1]).toMatch(new RegExp(`Default \\(every other path\\)\\s+${shop.keyGroupName}\\s+Anyone`))
    await page().getByText('To undo this, restrict the distribution to signed links again.').waitFor()
    await expectAccessibleInBothThemes('lifecycle-detach-plan')

    await page().getByRole('button', { name: 'Apply these changes' }).click()
    await page().getByRole('heading', { name: 'Done: these paths no longer need a signed link' }).waitFor()
    const config = await readConfig(directClient(double.endpoint), shop.distributionId)
    expect(config.DefaultCacheBehavior?.TrustedKeyGroups?.Quantity ?? 0).toBe(0)
    expect(config.CacheBehaviors?.Items?.[0]?.TrustedKeyGroups?.Quantity ?? 0).toBe(0)
    await app.screenshot('lifecycle-detach-done')
    await page().getByRole('button', { name: 'Back to distributions' }).click()
  })
})

describe('a saved AWS access key', () => {
  it('can be removed in the app, after a confirmation (Escape keeps it)', async () => {
    await page().getByRole('button', { name: 'Add an access key' }).click()
    await page().getByLabel('Name', { exact: true }).fill('ci-deploy')
    await page().getByLabel('Access key ID').fill('AKIAIOSFODNN7EXAMPLE')
    await page().getByLabel('Secret access key').fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
    await page().getByRole('button', { name: 'Save to keychain' }).click()
    const profile = page().getByLabel('Profile', { exact: true })
    await expect.poll(() => profile.inputValue()).toBe('ci-deploy')
    expect(keychainAccounts(app.keychainService)).toContain('aws:ci-deploy')

    const remove = page().getByRole('button', { name: 'Remove the access key “ci-deploy”…' })
    await remove.click()
    const keep = page().getByRole('button', { name: 'Keep it' })
    expect(await keep.evaluate((el) => el === document.activeElement)).toBe(true)
    await expectAccessibleInBothThemes('lifecycle-remove-access-key')
    await page().keyboard.press('Escape')
    await remove.waitFor()
    expect(keychainAccounts(app.keychainService)).toContain('aws:ci-deploy')

    await remove.click()
    await page().getByRole('button', { name: 'Remove access key' }).click()
    await expect.poll(() => profile.inputValue()).toBe('')
    await remove.waitFor({ state: 'detached' })
    expect(keychainAccounts(app.keychainService)).not.toContain('aws:ci-deploy')
    expect((await kf.awsAccounts.profiles()).profiles.map((p) => p.name)).not.toContain('ci-deploy')
  })
})
