import type { MessageKey } from './vi';

/** English is the second language; missing keys fall back to Vietnamese. */
export const en: Partial<Record<MessageKey, string>> = {
  'error.internal': 'Something went wrong. Please try again later.',
  'error.not_found': 'Not found.',
  'error.validation': 'Invalid input.',
  'error.unauthenticated': 'Please sign in.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf': 'Invalid session token. Reload the page.',
  'error.payload_too_large': 'The upload is larger than {maxMb} MB.',
  'error.conflict': 'Someone else changed this. Reload and try again.',
  'auth.invalid_credentials': 'Wrong email or password.',
  'auth.rate_limited': 'Too many failed sign-ins. Try again in {minutes} minutes.',
  'import.refused': 'Nothing imported: {count} rows have errors.',
  'import.done': 'Imported {created} new, updated {updated}, skipped {skipped} invalid rows.',
};
