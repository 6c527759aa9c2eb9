import { em } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** Phones and narrow windows: below Mantine's `sm` breakpoint. */
export function useIsMobile(): boolean {
  return useMediaQuery(`(max-width: ${em(767)})`, false, { getInitialValueInEffect: false }) ?? false;
}
