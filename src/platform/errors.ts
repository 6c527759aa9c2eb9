import type { MessageKey } from './i18n';

/**
 * A refusal with a stable machine code (for API clients) and a catalogue key
 * (for people). Services throw these; the HTTP layer and the CLI present them.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(`${code}: ${messageKey}`);
  }
}

export const notFound = (key: MessageKey = 'error.not_found', code = 'not_found') => new AppError(code, 404, key);
export const forbidden = () => new AppError('forbidden', 403, 'error.forbidden');
