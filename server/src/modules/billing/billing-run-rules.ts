import { AppError } from '../../platform/errors.js';
import type { Client } from '../clients/client.entity.js';
import { MissingPrice } from '../contracts/contract-charges.js';
import { MissingRate } from '../invoices/invoice-generation.service.js';
import type { BillingSettings } from './billing-settings.js';

/** The billing run's pure rules: how an invoice is handed on, why a client is skipped, what a failure says. */

/** How each send method hands an invoice on: where it goes, and whether its email must carry the pay link. */
export const SENDING: Record<BillingSettings['sendMethod'], { destinations: string[]; payLink?: boolean }> = {
  EMAIL: { destinations: ['EMAIL'] },
  CHECKOUT_LINK: { destinations: ['EMAIL'], payLink: true },
  STRIPE_HOSTED_INVOICE: { destinations: ['EMAIL', 'STRIPE'] },
  QUICKBOOKS_EMAIL: { destinations: ['EMAIL', 'QUICKBOOKS'] },
  AUTO_CHARGE: { destinations: ['EMAIL'] },
};

/**
 * Why a client claimed for `date` is not billed after all, read under its lock: archived, or its
 * automatic billing turned off, since the run first read it; null when it is billed.
 */
export function notBilledNow(client: Client, settings: BillingSettings, date: string): string | null {
  if (client.archivedAt)
    return `Not billed: ${client.name} was archived before its ${date} billing ran. Restored, it is billed again from the day it is restored (its unbilled time with it).`;
  if (!settings.autoBilling || !settings.autoBillingSince)
    return `Not billed: automatic billing was turned off for ${client.name} before its ${date} billing ran.`;
  return null;
}

/** What a user can act on (a missing price, a bad input), or null for an unexpected error. */
export function failureMessage(err: unknown): string | null {
  if (err instanceof MissingPrice || err instanceof MissingRate) return err.message;
  if (err instanceof AppError) return err.message;
  return null;
}
