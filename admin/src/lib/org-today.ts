import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { todayIn } from '@settle/web-kit/dates';
import { graphql } from '../gql';

/** The org's time zone (IANA), the one the server dates invoices, payments and time in. */
export const OrgTimeZoneQuery = graphql(`
  query AdminOrgTimeZone {
    organization { id timeZone }
  }
`);

/**
 * Today's date (YYYY-MM-DD) on the organization's wall, as the server reckons it, whatever the browser's own
 * zone: the one place the admin asks what day it is. `today` is null until the org's zone is read; `query`
 * is that read, for a loader or its error.
 */
export function useOrgToday() {
  const query = useQuery(OrgTimeZoneQuery);
  const timeZone = query.data?.organization.timeZone;
  return { today: timeZone ? todayIn(timeZone) : null, query };
}

/**
 * A date field that defaults to a day reckoned from the org's today (`fromToday(today)`), shown once the
 * org's zone is known ('' until then) and until the user types another. `pending` is true while the field
 * is blank only because that default is not known yet: a form disables its submit meanwhile, so it never
 * sends a blank date the user did not choose.
 */
export function useOrgDateField(fromToday: (today: string) => string = (today) => today) {
  const { today } = useOrgToday();
  const [typed, setTyped] = useState<string | null>(null);
  const pending = typed === null && !today;
  return [typed ?? (today ? fromToday(today) : ''), setTyped, pending] as const;
}
