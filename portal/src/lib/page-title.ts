import { usePageTitle } from '@settle/web-kit/page';

/** The browser tab names the screen, then the portal: "Invoices · Billing portal". */
export function usePortalTitle(title: string | null | undefined): void {
  usePageTitle(title, 'Billing portal');
}
