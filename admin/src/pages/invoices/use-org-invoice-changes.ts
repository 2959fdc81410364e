import { useEffect, useRef } from 'react';
import { useSubscription } from '@apollo/client/react';
import { graphql } from '../../gql';
import { wsClient } from '../../apollo';

/**
 * Every invoice of the org as it is created or changes. The live part lands in the normalized cache, so a
 * row already on screen (list, dashboard) shows its new status and balance at once.
 */
export const OrgInvoiceUpdatedSubscription = graphql(`
  subscription AdminOrgInvoiceUpdated { invoiceUpdated { invoiceId invoice { ...AdminInvoiceLive } } }
`);

/** After a burst of changes (a batch of payments, a generation run), read once rather than per event. */
const SETTLE_MS = 400;

/**
 * Runs `reread` (debounced) after any invoice of the org changed, and after the socket reconnected (changes
 * made while it was away are not pushed). Pages re-read what the cache cannot follow by itself: a new
 * invoice, a row that leaves or enters a filter, totals.
 */
export function useOrgInvoiceChanges(reread: () => unknown): { error?: unknown } {
  const latest = useRef(reread);
  useEffect(() => {
    latest.current = reread;
  });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const soon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void latest.current(), SETTLE_MS);
  };
  const live = useSubscription(OrgInvoiceUpdatedSubscription, { onData: soon });
  useEffect(() => {
    let dropped = false;
    const offClosed = wsClient.on('closed', () => {
      dropped = true;
    });
    const offConnected = wsClient.on('connected', () => {
      if (dropped) soon();
      dropped = false;
    });
    return () => {
      offClosed();
      offConnected();
      clearTimeout(timer.current);
    };
  }, []);
  return { error: live.error };
}
