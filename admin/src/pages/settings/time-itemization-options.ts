import type { TimeItemization } from '../../gql/graphql';

/** The ways an invoice can list approved time, as the org settings and the client form offer them. */
export const TIME_ITEMIZATION_OPTIONS: Array<{ value: TimeItemization; label: string; description: string }> = [
  {
    value: 'PER_SERVICE',
    label: 'One line per service',
    description: 'All time on a service (at one rate) on a single line.',
  },
  {
    value: 'PER_TICKET',
    label: 'One line per ticket',
    description: 'A line for each ticket, with how many entries it sums.',
  },
  {
    value: 'PER_ENTRY',
    label: 'One line per time entry',
    description: 'Every entry on its own line: date, technician, ticket and note.',
  },
];
