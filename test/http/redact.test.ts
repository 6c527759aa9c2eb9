import { describe, expect, it } from 'vitest';
import { redactPath } from '../../src/http/errors';

describe('redactPath', () => {
  it('cuts tokens out of a logged path and keeps slugs and ids readable', () => {
    expect(redactPath('/api/events/calendar-feed/Xk3_9aQ-LmN0pRsTuVwXyZ012345abcdEF.ics')).toBe('/api/events/calendar-feed/Xk3_….ics');
    expect(redactPath('/gop-y/xac-nhan/AbCdEfGhIjKlMnOpQrStUvWx12')).toBe('/gop-y/xac-nhan/AbCd…');
    expect(redactPath('/tin-tuc/truong-thcs-le-loi-khai-giang-nam-hoc-moi-2026')).toBe('/tin-tuc/truong-thcs-le-loi-khai-giang-nam-hoc-moi-2026');
    expect(redactPath('/api/reports/123/export')).toBe('/api/reports/123/export');
  });
});
