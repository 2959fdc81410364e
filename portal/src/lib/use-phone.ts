import { em } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * True below Mantine's `sm` breakpoint (a phone held upright): lists turn into cards there. Read at the
 * first render (no flash of the wide table on a phone).
 */
export function usePhone(): boolean {
  return useMediaQuery(`(max-width: ${em(767.98)})`, undefined, { getInitialValueInEffect: false }) ?? false;
}
