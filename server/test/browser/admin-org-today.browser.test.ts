import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../harness.js';
import { settleForFile } from '../for-file.js';
import { billingFixture, signedInUser } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { chromiumForFile, newSession } from './browser-harness.js';

/**
 * "Today" in the admin is the organization's, in its time zone, as the server dates work and payments: a
 * technician in a browser whose date is not the org's (the browser runs in UTC) logs time on the org's
 * today, in the org's week, and a payment recorded by hand is received on the org's today.
 */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();

/** The Monday of the week a LocalDate falls in. */
const mondayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const shown = (date: string) =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** An org whose date is never the browser's (UTC): a day behind before 10:00 UTC, a day ahead from then on. */
async function orgAwayFromUtc(name: string) {
  const owner = await createOrgWithOwner(s, name);
  const timeZone = new Date().getUTCHours() < 10 ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
  await s.container.organizations.updateSettings(owner.org.id, SYSTEM_ACTOR, { timeZone });
  const orgToday = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  expect(orgToday).not.toBe(new Date().toISOString().slice(0, 10));
  return { owner, org: owner.org.id, orgToday };
}

describe("the admin's today", () => {
  it("is the org's on the timesheet: its week, and the day a new entry is logged on", async () => {
    const { owner, org, orgToday } = await orgAwayFromUtc('Org Today Timesheet Org');
    const techEmail = `tech-${Date.now()}@${owner.org.slug}.test`;
    const tech = await signedInUser(s, org, { email: techEmail, name: 'Terry Tech', role: 'TECHNICIAN' });
    const timesheet = await newSession(browser, s.url, tech);
    try {
      await timesheet.page.goto('/admin/timesheet');
      const range = timesheet.page.getByTestId('week-range');
      await range.waitFor();
      expect(await range.textContent()).toBe(`${shown(mondayOf(orgToday))} – ${shown(addDays(mondayOf(orgToday), 6))}`);
      await timesheet.page.getByRole('button', { name: 'Log time' }).click();
      const dialog = timesheet.page.getByRole('dialog');
      expect(await dialog.getByLabel('Date').inputValue()).toBe(orgToday);
    } finally {
      await timesheet.context.close();
    }
  });

  it("is the org's when a payment is recorded by hand: the day it was received, not sent blank before it is known", async () => {
    const { owner, org, orgToday } = await orgAwayFromUtc('Org Today Payment Org');
    const billing = await billingFixture(s.container, org);
    const invoice = await billing.sentInvoice(60);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      // The org's time zone answers only when let through: until then the form cannot be submitted blank.
      let letZoneThrough!: () => void;
      const zoneHeld = new Promise<void>((resolve) => (letZoneThrough = resolve));
      await page.route('**/graphql', async (route) => {
        if (route.request().postData()?.includes('AdminOrgTimeZone')) await zoneHeld;
        await route.fallback();
      });
      await page.goto(`/admin/invoices/${invoice.id}`);
      await page.getByRole('button', { name: 'Record payment' }).click();
      const dialog = page.getByRole('dialog');
      const receivedOn = dialog.getByLabel('Received on');
      const record = dialog.getByRole('button', { name: 'Record payment' });
      expect(await receivedOn.inputValue()).toBe('');
      expect(await record.isDisabled()).toBe(true);
      letZoneThrough();
      await expect.poll(() => receivedOn.inputValue()).toBe(orgToday);
      expect(await record.isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("is the org's for the periods that default to last month: generating invoices and reconciling", async () => {
    const { owner, orgToday } = await orgAwayFromUtc('Org Today Periods Org');
    const [y, m] = orgToday.split('-').map(Number);
    const first = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/invoices/generate');
      await expect.poll(() => page.getByLabel('Period start').inputValue()).toBe(first);
      expect(await page.getByLabel('Period end').inputValue()).toBe(last);
      await page.goto('/admin/reconciliation');
      await expect.poll(() => page.getByLabel('Invoices issued from').inputValue()).toBe(first);
      expect(await page.getByLabel('to', { exact: true }).inputValue()).toBe(last);
    } finally {
      await context.close();
    }
  });
});

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
